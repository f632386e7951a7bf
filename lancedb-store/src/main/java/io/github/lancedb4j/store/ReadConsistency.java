package io.github.lancedb4j.store;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * How soon a table's searches see commits made by other processes (or other {@link LanceDatabase} instances): a
 * table always sees its own writes at once.
 *
 * <ul>
 *   <li>{@link #strong()}: every read first checks for a newer version (one listing of the table's versions; about
 *       35 µs on a local disk, one LIST request — a few ms — on object storage).</li>
 *   <li>{@link #eventual(Duration)}: a background task checks every {@code interval} and moves searches to the newest
 *       version; searches never wait for it.</li>
 *   <li>{@link #manual()}: only {@link LanceTable#refresh()} moves searches forward (and the table's own writes).</li>
 * </ul>
 *
 * <p>The default, {@link #defaultFor(String)}, is eventual: every second on a local disk, where a check costs next to
 * nothing, and every 5 seconds on object storage, where each check is a billed LIST request per table and replica
 * (17,280 a day) — a replica sees another's writes within that time.
 *
 * @param interval null for {@link #manual()}, zero for {@link #strong()}
 */
public record ReadConsistency(Duration interval) {

    public static final Duration LOCAL_DEFAULT = Duration.ofSeconds(1);
    public static final Duration OBJECT_STORE_DEFAULT = Duration.ofSeconds(5);

    public ReadConsistency {
        if (interval != null && interval.isNegative()) {
            throw new IllegalArgumentException("The read-consistency interval must not be negative, got " + interval);
        }
    }

    public static ReadConsistency strong() {
        return new ReadConsistency(Duration.ZERO);
    }

    public static ReadConsistency eventual(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        return new ReadConsistency(interval);
    }

    public static ReadConsistency manual() {
        return new ReadConsistency(null);
    }

    /** The default for a database URI: see the class comment. */
    public static ReadConsistency defaultFor(String databaseUri) {
        return eventual(io.github.lancedb4j.store.internal.DatabaseLocation.localPath(databaseUri) != null ? LOCAL_DEFAULT : OBJECT_STORE_DEFAULT);
    }

    public boolean isStrong() {
        return interval != null && interval.isZero();
    }

    public boolean isManual() {
        return interval == null;
    }

    /**
     * Parses a configuration value: {@code strong} (or {@code 0s}), {@code manual} / {@code never}, or a duration
     * ({@code 500ms}, {@code 2s}, {@code 1m}, or ISO-8601 such as {@code PT2S}). Also how Spring binds the type.
     */
    public static ReadConsistency valueOf(String text) {
        String t = Objects.requireNonNull(text, "read consistency").trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "strong":
                return strong();
            case "manual":
            case "never":
                return manual();
            default:
                return eventual(parseDuration(text.trim(), t));
        }
    }

    private static Duration parseDuration(String original, String t) {
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                return Duration.parse(original);
            }
            String number = t.replaceAll("[a-z]+$", "");
            String unit = t.substring(number.length());
            long n = Long.parseLong(number);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "", "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("unit " + unit);
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Read consistency '" + original + "' is not valid: use strong, manual, "
                    + "or a duration such as 500ms, 2s or 1m", e);
        }
    }

    @Override
    public String toString() {
        return isManual() ? "manual" : isStrong() ? "strong" : "eventual(" + interval + ")";
    }
}
