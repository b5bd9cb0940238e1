package org.voicequeue.model.job;

/** A job parameter outside its documented range; {@link #field()} is the wire (snake_case) name. */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String field;

    public InvalidParameterException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 1);
    }
}
