package com.example.karavel.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The plugins' default arguments, from {@code defaults.properties} in this bundle. */
final class Defaults {
  private static final Properties PROPS = load();

  private Defaults() {}

  static String get(String key) {
    String v = PROPS.getProperty(key);
    if (v == null) {
      throw new IllegalStateException("defaults.properties has no " + key);
    }
    return v;
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Defaults.class.getResourceAsStream("defaults.properties")) {
      if (in == null) {
        throw new IllegalStateException("defaults.properties is missing from the bundle");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
