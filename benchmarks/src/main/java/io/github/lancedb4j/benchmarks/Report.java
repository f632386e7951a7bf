package io.github.lancedb4j.benchmarks;

import java.io.PrintStream;
import java.util.List;

/** The Markdown report on stdout, ending with the one-line summary. */
final class Report {

    private Report() {
    }

    record Results(BenchmarkConfig config, Corpus corpus, double groundTruthSeconds, double storeOpenSeconds,
            IngestStats lanceIngest, SearchStats lanceSearch, SearchStats lanceFiltered, SearchStats rawSearch,
            List<SearchStats> diagnostics, IngestStats memoryIngest, SearchStats memorySearch,
            SearchStats memoryFiltered, long tableBytes, int fragments, List<MemoryProbe.Checkpoint> checkpoints,
            long sampledPeakHeap, long poolPeakSum, long maxHeap, String gc, long vmHwm, long vmRss,
            String loadAtStart, String loadAtEnd) {
    }

    static void print(PrintStream out, Results r) {
        BenchmarkConfig c = r.config();
        out.printf("## %s run: %,d rows x %d dims, %d queries (k=%d), batches of %,d%n%n", c.mode(), c.rows(), c.dim(),
                c.queries(), c.k(), c.batch());
        out.printf("Data: Gaussian mixture, %d centroids uniform on the unit sphere, sigma %.3f per component, "
                + "normalised, seed %d; queries are fresh draws from the same mixture, %d warm-up queries before the "
                + "timed ones. Ground truth: brute-force cosine in Java (%.1f s). Filter: source = '%s' "
                + "(%.2f %% of rows, %d filtered queries).%n%n", c.clusters(), c.sigma(), c.seed(), c.warmup(),
                r.groundTruthSeconds(), r.corpus().filteredSource, 100 * r.corpus().filterSelectivity(),
                c.filteredQueries());

        out.println("| System | Ingest vectors/s | Ingest wall s | Search p50 ms | p99 ms | QPS (1 thread) "
                + "| CPU ms/query | recall@" + c.k() + " | Filtered p50 ms | Filtered p99 ms | Filtered recall |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        row(out, "LanceDbEmbeddingStore (this library)", r.lanceIngest(), r.lanceSearch(), r.lanceFiltered());
        row(out, "LangChain4j InMemoryEmbeddingStore 1.19.0", r.memoryIngest(), r.memorySearch(), r.memoryFiltered());
        row(out, "raw lance-java 7.0.0 flat (id, _distance)", null, r.rawSearch(), null);
        out.println();
        out.printf("Lance table: %d fragments, %.1f MiB on disk; opening the store (first Lance call, loads the JNI "
                + "library) took %.2f s and is not in the ingest time. Lance ingest calls: first %.0f ms, median %.0f "
                + "ms, slowest %.0f ms; process CPU during ingest %.1f s.%n%n", r.fragments(),
                MemoryProbe.mib(r.tableBytes()), r.storeOpenSeconds(), r.lanceIngest().firstBatchMs(),
                r.lanceIngest().medianBatchMs(), r.lanceIngest().slowestBatchMs(), r.lanceIngest().cpuSeconds());

        if (!r.diagnostics().isEmpty()) {
            out.println("Where the store's search time goes: raw lance-java scans shaped like the store's "
                    + "(same table, " + r.diagnostics().get(0).queries() + " timed queries each):");
            out.println();
            out.println("| Scan | p50 ms | p99 ms | CPU ms/query | recall@" + c.k() + " |");
            out.println("|---|---:|---:|---:|---:|");
            for (SearchStats s : r.diagnostics()) {
                out.printf("| %s | %.2f | %.2f | %.1f | %.3f |%n", s.what(), s.p50Ms(), s.p99Ms(), s.cpuMsPerQuery(),
                        s.recall());
            }
            out.println();
        }

        out.println("| Memory | MiB |");
        out.println("|---|---:|");
        out.printf("| Peak heap used (10 ms sampler) | %.0f |%n", MemoryProbe.mib(r.sampledPeakHeap()));
        out.printf("| Peak heap, sum of pool peaks (upper bound) | %.0f |%n", MemoryProbe.mib(r.poolPeakSum()));
        out.printf("| Max heap (-Xmx) | %.0f |%n", MemoryProbe.mib(r.maxHeap()));
        for (MemoryProbe.Checkpoint cp : r.checkpoints()) {
            out.printf("| Live heap after GC / RSS, %s | %.0f / %.0f |%n", cp.label(), MemoryProbe.mib(cp.liveHeapBytes()),
                    MemoryProbe.mib(cp.rssBytes()));
        }
        out.printf("| Process RSS at end (VmRSS) | %.0f |%n", MemoryProbe.mib(r.vmRss()));
        out.printf("| Process RSS peak (VmHWM) | %.0f |%n", MemoryProbe.mib(r.vmHwm()));
        out.println();
        out.println("GC: " + r.gc());
        out.println();
        out.println("Load average (1, 5, 15 min) at start: " + r.loadAtStart() + "; at end: " + r.loadAtEnd()
                + " (other processes on the machine skew the figures)");
        out.println();
        out.println(summaryLine(r));
    }

    /** The last line: "quick: n=… dim=… recall@10=… p50_ms=… vs_inmemory=…x ingest_vps=…". */
    static String summaryLine(Results r) {
        BenchmarkConfig c = r.config();
        return String.format("%s: n=%d dim=%d recall@%d=%.3f p50_ms=%.2f vs_inmemory=%.1fx ingest_vps=%.0f", c.mode(),
                c.rows(), c.dim(), c.k(), r.lanceSearch().recall(), r.lanceSearch().p50Ms(),
                r.memorySearch().p50Ms() / r.lanceSearch().p50Ms(), r.lanceIngest().vectorsPerSecond());
    }

    private static void row(PrintStream out, String system, IngestStats ingest, SearchStats search,
            SearchStats filtered) {
        out.printf("| %s | %s | %s | %.2f | %.2f | %.1f | %.1f | %.3f | %s | %s | %s |%n", system,
                ingest == null ? "–" : String.format("%,.0f", ingest.vectorsPerSecond()),
                ingest == null ? "–" : String.format("%.2f", ingest.wallSeconds()),
                search.p50Ms(), search.p99Ms(), search.qps(), search.cpuMsPerQuery(), search.recall(),
                filtered == null ? "–" : String.format("%.2f", filtered.p50Ms()),
                filtered == null ? "–" : String.format("%.2f", filtered.p99Ms()),
                filtered == null ? "–" : String.format("%.3f", filtered.recall()));
    }
}
