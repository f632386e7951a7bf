package io.github.lancedb4j.store;

import io.github.lancedb4j.store.filter.MetadataFilter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of an application in a child JVM, for {@link ReplicasOnS3Test}: opens the table {@code docs} of the
 * database at {@code args[0]} (storage options as {@code key=value} from {@code args[2..]}) with the read
 * consistency {@code args[1]} ({@code default} or what {@link ReadConsistency#valueOf} parses) and serves it:
 * a thread counts the rows every 10 ms and prints {@code SEEN <rows> <epoch ms>} when the count changes.
 *
 * <p>Commands on stdin: {@code write <prefix> <from> <to> <pause ms>} upserts {@link WriterProcess#batch batches}
 * and prints {@code ACK <prefix> <batch> <epoch ms>} once each is committed, then {@code WROTE <prefix>};
 * {@code search <prefix> <batch>} runs a filtered vector search for that batch's row 3 and prints
 * {@code FOUND <top id> <hits>}; {@code exit} closes the database and prints {@code DONE}.
 */
public final class ReplicaProcess {

    private static final Object OUT = new Object();
    private static volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        Map<String, String> storage = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            storage.put(kv[0], kv[1]);
        }
        LanceDatabase.Builder builder = LanceDatabase.builder().uri(args[0]).storageOptions(storage);
        if (!"default".equals(args[1])) {
            builder.readConsistency(ReadConsistency.valueOf(args[1]));
        }
        try (LanceDatabase db = builder.build()) {
            LanceTable table = db.openTable("docs", List.of(VectorColumn.existing("vector")), false);
            table.indexes().indexPolicy("vector", IndexPolicy.explicit(), DistanceMetric.L2);
            print("READY " + table.countRows() + " " + db.readConsistency());
            Thread poller = new Thread(() -> poll(table), "replica-poller");
            poller.setDaemon(true);
            poller.start();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = commands.readLine()) != null && !line.equals("exit")) {
                String[] c = line.trim().split(" ");
                switch (c[0]) {
                    case "write" -> write(table, c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                            Long.parseLong(c[4]));
                    case "search" -> search(table, c[1], Integer.parseInt(c[2]));
                    default -> print("UNKNOWN " + line);
                }
            }
            stopping = true;
            poller.join();
        }
        print("DONE");
        System.exit(0);
    }

    private static void poll(LanceTable table) {
        long last = -1;
        while (!stopping) {
            try {
                long rows = table.countRows();
                if (rows != last) {
                    print("SEEN " + rows + " " + System.currentTimeMillis());
                    last = rows;
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                print("POLL-FAILED " + e);
                return;
            }
        }
    }

    private static void write(LanceTable table, String prefix, int from, int to, long pauseMillis)
            throws InterruptedException {
        for (int b = from; b < to; b++) {
            table.upsert(WriterProcess.batch(prefix, b), List.of("vector"));
            print("ACK " + prefix + " " + b + " " + System.currentTimeMillis());
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
        print("WROTE " + prefix);
    }

    private static void search(LanceTable table, String prefix, int batch) {
        Row target = WriterProcess.batch(prefix, batch).get(3);
        List<SearchHit> hits = table.search(SearchQuery.nearest("vector", target.vectors().get("vector")).limit(5)
                .filter(new MetadataFilter.Comparison("batch", MetadataFilter.Comparison.Operator.EQUAL,
                        prefix + "-" + batch))
                .build(), DistanceMetric.L2);
        print("FOUND " + (hits.isEmpty() ? "none" : hits.get(0).id()) + " " + hits.size());
    }

    private static void print(String line) {
        synchronized (OUT) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
