package io.wxplatform.testkit.process;

/** A service did not come up; the message carries the tail of its log. */
public class ServiceStartException extends RuntimeException {

    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }

    ServiceStartException(String problem, ServiceLog log) {
        super(problem + "; log " + log.file() + ", last " + ServiceLog.TAIL_LINES + " lines:" + System.lineSeparator()
                + log.tail());
    }
}
