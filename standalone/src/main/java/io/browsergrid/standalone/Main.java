package io.browsergrid.standalone;

/** {@code scripts/run}'s entry point: reads the configuration, starts the server, stops it cleanly on SIGTERM. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    StandaloneConfig config;
    try {
      config = StandaloneConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("browsergrid: " + e.getMessage());
      System.exit(2);
      return;
    }
    StandaloneServer server;
    try {
      server = StandaloneServer.start(config, System.getenv());
    } catch (IllegalStateException e) {
      System.err.println("browsergrid: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "browsergrid-shutdown"));
    server.generatedKey().ifPresent(key -> System.out.println("""
        
        No BROWSERGRID_API_KEY was set, so an operator key was generated. It is shown only this once;
        only its hash is kept:
        
            %s
        """.formatted(key)));
    System.out.println("BrowserGrid listening on " + server.baseUrl() + " (data in " + config.dataDir()
        + ", up to " + config.maxSessions() + " sessions)");
  }
}
