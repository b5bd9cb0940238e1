package org.voicequeue.api.voice;

import java.util.List;

/** {@code GET /v1/voices}: the caller's voices, newest first. */
record VoiceList(List<VoiceResource> voices) {}
