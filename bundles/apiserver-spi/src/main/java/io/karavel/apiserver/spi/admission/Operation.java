package io.karavel.apiserver.spi.admission;

/** The write being admitted. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT
}
