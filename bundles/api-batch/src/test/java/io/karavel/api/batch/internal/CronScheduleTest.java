package io.karavel.api.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*/5 * * * *",
        "0 0 * * *",
        "0,30 9-17 * * MON-FRI",
        "15 3 1 jan,jul sun",
        "5/15 * ? * *",
        "0 0 1-31/2 * 6",
        "@hourly",
        "@daily",
        "@every 1h30m",
        "TZ=UTC 0 * * * *"
      })
  void accepts(String schedule) {
    assertThat(CronSchedule.error(schedule)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* * *|expected exactly 5 fields, found 3: [* * *]",
        "* * * * * *|expected exactly 5 fields, found 6: [* * * * * *]",
        "60 * * * *|end of range (60) above maximum (59): 60",
        "* 24 * * *|end of range (24) above maximum (23): 24",
        "* * 0 * *|beginning of range (0) below minimum (1): 0",
        "* * * * 7|end of range (7) above maximum (6): 7",
        "5-1 * * * *|beginning of range (5) beyond end of range (1): 5-1",
        "*/0 * * * *|step of range should be a positive number: */0",
        "1-2-3 * * * *|too many hyphens: 1-2-3",
        "*/2/3 * * * *|too many slashes: */2/3",
        "x * * * *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "* * * foo *|failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax",
        "@fortnightly|unrecognized descriptor: @fortnightly",
        "TZ=Mars/Olympus * * * * *|provided bad location Mars/Olympus: unknown time zone Mars/Olympus"
      })
  void rejectsWithParserMessage(String schedule, String message) {
    assertThat(CronSchedule.error(schedule)).contains(message);
  }
}
