package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a call into Lance and turns whatever it throws into a {@link LanceStoreException} that says where. */
public final class NativeCall {

    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");

    private NativeCall() {
    }

    public static <T> T run(String table, String location, String operation, Callable<T> call) {
        try {
            return call.call();
        } catch (LanceStoreException e) {
            throw e;
        } catch (Exception e) {
            throw new LanceStoreException(table, operation,
                    "Lance " + operation + " failed on table '" + table + "' at " + location + ": " + summary(e), e,
                    LanceErrors.classify(e));
        }
    }

    public static void run(String table, String location, String operation, Action action) {
        run(table, location, operation, () -> {
            action.run();
            return null;
        });
    }

    /**
     * The native message without the Rust source locations that follow it, and without the body of an object
     * store's error response (for S3 it holds the whole string-to-sign).
     */
    public static String summary(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int rustLocation = message.indexOf(", /workspace/");
        String shortened = rustLocation > 0 ? message.substring(0, rustLocation) : message;
        int body = shortened.indexOf("<?xml");
        if (body < 0) {
            return shortened;
        }
        Matcher code = ERROR_CODE.matcher(shortened);
        return shortened.substring(0, body).trim() + (code.find() ? " " + code.group(1) : "");
    }

    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
