package io.github.lancedb4j.testing;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What {@link S3ProxyServer} does with conditional writes ({@code PUT} with {@code If-None-Match} or
 * {@code If-Match}), and two ways for a test to steer them.
 *
 * <p>S3Proxy 4.1.0 hands {@code If-None-Match: *} to its file-system and in-memory stores, which create the object
 * atomically (a hard link that fails when the name exists) and answer 412 otherwise — the semantics of AWS S3's
 * conditional writes. Every conditional {@code PUT} is recorded here with its outcome.
 *
 * <ul>
 *   <li>{@link #raceNext(String, Duration)} makes the next conditional {@code PUT} whose key contains a given text
 *       wait until another conditional {@code PUT} of the same key has finished: two writers that prepared the same
 *       version then commit in a known order, so the loser's 412 is certain instead of a matter of timing.</li>
 *   <li>{@link #ignore(boolean)} drops the conditional headers, as an S3-compatible store without conditional
 *       writes does: a losing commit then overwrites the winner's.</li>
 * </ul>
 */
public final class ConditionalWrites {

    private static final Logger log = LoggerFactory.getLogger(ConditionalWrites.class);

    /** One conditional {@code PUT}: its key, headers and the status S3Proxy answered (200 created, 412 refused). */
    public record Put(String bucket, String key, String ifNoneMatch, String ifMatch, int status) {

        public boolean created() {
            return status / 100 == 2;
        }

        public boolean refused() {
            return status == 412;
        }
    }

    private final List<Put> puts = new ArrayList<>();
    private final AtomicReference<Race> armed = new AtomicReference<>();
    private final List<Race> running = new ArrayList<>();
    private final AtomicBoolean ignore = new AtomicBoolean();

    ConditionalWrites() {
    }

    /** Every conditional {@code PUT} so far, in the order they finished. */
    public synchronized List<Put> puts() {
        return List.copyOf(puts);
    }

    /** The conditional {@code PUT}s whose key contains {@code keyPart}. */
    public synchronized List<Put> puts(String keyPart) {
        return puts.stream().filter(p -> p.key().contains(keyPart)).toList();
    }

    /**
     * Holds the next conditional {@code PUT} whose key contains {@code keyPart} until another conditional
     * {@code PUT} of the same key has finished (or {@code maxWait} has passed), then lets it run.
     */
    public void raceNext(String keyPart, Duration maxWait) {
        armed.set(new Race(keyPart, maxWait));
    }

    /** Whether a race armed by {@link #raceNext} has run: a rival finished while the held request waited. */
    public synchronized boolean raced() {
        return running.stream().anyMatch(r -> r.rivalFirst);
    }

    /** Drops {@code If-None-Match} / {@code If-Match} from now on (true), or honours them again (false). */
    public void ignore(boolean ignoreHeaders) {
        ignore.set(ignoreHeaders);
    }

    BlobStore wrap(BlobStore store) {
        return new ForwardingBlobStore(store) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
                if (request.ifNoneMatch() == null && request.ifMatch() == null) {
                    return super.putBlob(request, input);
                }
                return conditionalPut(request, input, super::putBlob);
            }
        };
    }

    private interface Put0 {
        PutObjectResponse put(PutObjectRequest request, InputStream input);
    }

    private PutObjectResponse conditionalPut(PutObjectRequest request, InputStream input, Put0 put) {
        holdIfArmed(request.key());
        PutObjectRequest sent = ignore.get() ? request.toBuilder().ifNoneMatch(null).ifMatch(null).build() : request;
        int status = 200;
        try {
            return put.put(sent, input);
        } catch (S3Exception e) {
            status = e.statusCode();
            throw e;
        } catch (RuntimeException e) {
            status = 500;
            throw e;
        } finally {
            finished(new Put(request.bucket(), request.key(), request.ifNoneMatch(), request.ifMatch(), status));
        }
    }

    private void holdIfArmed(String key) {
        Race race = armed.get();
        if (race == null || !key.contains(race.keyPart) || !armed.compareAndSet(race, null)) {
            return;
        }
        race.heldKey = key;
        synchronized (this) {
            running.add(race);
        }
        log.info("Holding the conditional PUT of {} until a rival PUT of the same key finishes", key);
        try {
            race.rivalFirst = race.rivalDone.await(race.maxWait.toMillis(), TimeUnit.MILLISECONDS);
            if (!race.rivalFirst) {
                log.warn("No rival PUT of {} within {}; letting it run", key, race.maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            race.released = true;
        }
    }

    private synchronized void finished(Put put) {
        puts.add(put);
        for (Race race : running) {
            if (!race.released && put.key().equals(race.heldKey)) {
                race.rivalDone.countDown();
            }
        }
    }

    private static final class Race {
        final String keyPart;
        final Duration maxWait;
        final CountDownLatch rivalDone = new CountDownLatch(1);
        volatile String heldKey;
        volatile boolean rivalFirst;
        volatile boolean released;

        Race(String keyPart, Duration maxWait) {
            this.keyPart = keyPart;
            this.maxWait = maxWait;
        }
    }
}
