package dev.remotecache.mock.cli;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.MockSettings.InvalidSetting;
import dev.remotecache.mock.MockSettings.Setting;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line's face of {@link MockSettings}: one option per setting that has one, its help
 * from the setting's meaning and default, its value parsed and checked by the setting (so a bad
 * value's one line is the setting's rule, named by the option).
 */
final class SettingOptions {

  private SettingOptions() {}

  /** Adds an option for every setting that has one; the help shows {@code base}'s defaults. */
  static void addTo(CommandSpec command, MockSettings base) {
    for (Setting<?> setting : MockSettings.schema()) {
      if (setting.option() == null) {
        continue;
      }
      OptionSpec.Builder option =
          OptionSpec.builder(setting.option())
              .description(setting.meaning() + " Default: " + shownDefault(setting, base) + ".");
      if (setting.isFlag()) {
        option.arity("0").type(boolean.class);
      } else if (setting.isRepeatable()) {
        option.paramLabel(setting.label()).arity("1").type(List.class).auxiliaryTypes(String.class);
      } else {
        option.paramLabel(setting.label()).arity("1").type(String.class);
      }
      command.addOption(option.build());
    }
  }

  /** {@code base} with every setting whose option was given set to its value. */
  static MockSettings apply(ParseResult parsed, MockSettings base) {
    MockSettings settings = base;
    for (Setting<?> setting : MockSettings.schema()) {
      if (setting.option() == null || !parsed.hasMatchedOption(setting.option())) {
        continue;
      }
      List<String> texts =
          setting.isFlag()
              ? List.of("true")
              : parsed.matchedOption(setting.option()).stringValues();
      settings = settings.withText(setting, texts);
    }
    return settings;
  }

  /** A refused value as one line in the command line's words: option, value, rule. */
  static String usageLine(InvalidSetting refused) {
    Setting<?> setting = MockSettings.setting(refused.setting());
    String subject =
        (setting.option() == null ? setting.name() : setting.option())
            + (setting.isFlag() ? "" : " " + refused.value());
    if (refused.needs() == null) {
      return subject + ": " + refused.rule();
    }
    return subject
        + ": needs "
        + withLabel(MockSettings.setting(refused.needs()))
        + " ("
        + refused.rule()
        + ")";
  }

  private static String withLabel(Setting<?> setting) {
    if (setting.option() == null) {
      return setting.name();
    }
    return setting.option() + (setting.label() == null ? "" : " " + setting.label());
  }

  private static <T> String shownDefault(Setting<T> setting, MockSettings base) {
    T value = base.get(setting);
    return Objects.equals(value, setting.defaultValue())
        ? setting.defaultText()
        : String.join(", ", setting.format(value));
  }
}
