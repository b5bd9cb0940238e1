package org.voicequeue.api.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution, a seam so tests can make a name resolve to any address without DNS. */
@FunctionalInterface
interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of the host (an IP literal resolves to itself without a lookup). */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
