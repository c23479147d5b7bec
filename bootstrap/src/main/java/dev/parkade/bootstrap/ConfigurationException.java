package dev.parkade.bootstrap;

/**
 * A setting that stops the server from starting: the CLI prints one line naming the setting and
 * exits with status 2.
 */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  public ConfigurationException(String setting, String problem) {
    super(setting + ": " + problem, null, false, false);
    this.setting = setting;
  }

  public ConfigurationException(String setting, String problem, Throwable cause) {
    super(setting + ": " + problem, cause, false, false);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
