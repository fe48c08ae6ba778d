package clinic.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node, in this process, with the modules the clinic's indices need on the
 * classpath (HTTP, language analysis, search_as_you_type). For the test suite and
 * `make run-search`, never production.
 *
 * Usage: EngineNode HOME_DIR PORT_FILE [HTTP_PORT]
 * Writes the HTTP port to PORT_FILE once the node answers, and stops when stdin closes (so it
 * never outlives the process that started it).
 */
public final class EngineNode extends Node {
    private static final List<Class<? extends Plugin>> PLUGINS =
        List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class);

    private EngineNode(Environment environment) {
        super(environment, PLUGINS, true);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path portFile = Path.of(args[1]).toAbsolutePath();
        String port = args.length > 2 ? args[2] : "0";
        Files.createDirectories(home.resolve("config"));
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "clinic-test")
            .put("node.name", "clinic-test-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port.equals("0") ? "0" : port)
            .put("transport.port", "0")
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // Tests create and drop many small indices quickly; a laptop disk is often fuller
            // than the default watermarks allow.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), home.resolve("config"), () -> "clinic-test-node");
        EngineNode node = new EngineNode(environment);
        node.start();
        HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
        int boundPort = http.boundAddress().publishAddress().getPort();
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(boundPort), StandardCharsets.UTF_8);
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Search engine: http://127.0.0.1:" + boundPort);
        System.out.flush();
        // Until the parent goes away (stdin closes), then shut down cleanly.
        while (System.in.read() != -1) {
            // ignore input
        }
        node.close();
        System.exit(0);
    }
}
