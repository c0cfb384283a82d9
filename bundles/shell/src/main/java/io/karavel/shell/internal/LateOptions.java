package io.karavel.shell.internal;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Option;

/**
 * Applies options that follow the arguments. Karaf stops reading options at the first argument, so
 * {@code kube:get pods -o wide} would see {@code -o} and {@code wide} as names; kubectl takes
 * options anywhere. The command's own {@link Option} fields are filled from such words.
 */
final class LateOptions {
  private LateOptions() {}

  /**
   * Removes the options in {@code words} and sets them on {@code action}.
   *
   * @return the words that are arguments
   */
  static List<String> apply(Object action, List<String> words) {
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--")) {
        arguments.addAll(words.subList(i + 1, words.size()));
        break;
      }
      if (!word.startsWith("-") || word.length() == 1 || isNumber(word)) {
        arguments.add(word);
        continue;
      }
      int eq = word.indexOf('=');
      String name = eq > 0 ? word.substring(0, eq) : word;
      Field field = find(action.getClass(), name);
      if (field == null) {
        throw new IllegalArgumentException("error: unknown flag: " + name);
      }
      String value;
      if (eq > 0) {
        value = word.substring(eq + 1);
      } else if (isBoolean(field)) {
        value = "true";
      } else if (i + 1 < words.size()) {
        value = words.get(++i);
      } else {
        throw new IllegalArgumentException("error: flag needs an argument: " + name);
      }
      set(action, field, name, value);
    }
    return arguments;
  }

  private static boolean isNumber(String word) {
    return word.length() > 1 && Character.isDigit(word.charAt(1));
  }

  private static boolean isBoolean(Field field) {
    return field.getType() == boolean.class || field.getType() == Boolean.class;
  }

  private static Field find(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        Option option = field.getAnnotation(Option.class);
        if (option != null
            && (option.name().equals(name) || List.of(option.aliases()).contains(name))) {
          return field;
        }
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void set(Object action, Field field, String name, String value) {
    try {
      field.setAccessible(true);
      Class<?> type = field.getType();
      if (List.class.isAssignableFrom(type)) {
        List<String> list = (List<String>) field.get(action);
        if (list == null) {
          list = new ArrayList<>();
          field.set(action, list);
        }
        list.add(value);
      } else if (isBoolean(field)) {
        field.set(action, Boolean.parseBoolean(value));
      } else if (type == int.class || type == Integer.class) {
        field.set(action, Integer.parseInt(value));
      } else if (type == long.class || type == Long.class) {
        field.set(action, Long.parseLong(value));
      } else {
        field.set(action, value);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "error: invalid argument \"" + value + "\" for \"" + name + "\" flag: " + e.getMessage());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
