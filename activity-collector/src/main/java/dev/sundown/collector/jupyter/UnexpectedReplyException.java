package dev.sundown.collector.jupyter;

/**
 * A Jupyter server (or a push agent) answered something that is not the expected JSON. The message says
 * which part and why, and never contains credentials.
 */
public class UnexpectedReplyException extends RuntimeException {
    public UnexpectedReplyException(String reason) {
        super(reason, null, false, false);
    }
}
