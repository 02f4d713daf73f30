package io.cluehub.statistics;

import io.cluehub.directory.Department;
import io.cluehub.directory.Level;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The mechanisms' figures as Prometheus meters ({@code /actuator/prometheus}), read from {@link Statistics#cached}: the
 * same figures on every instance, so a scrape of any one is the whole hub's.
 * <ul>
 * <li>{@code cluehub_clues_transferred_total{department,level}}: accepted clue transfers by sending office;</li>
 * <li>{@code cluehub_clues_hours_to_acceptance{quantile}}: delivery to acceptance, median and 90th percentile;</li>
 * <li>{@code cluehub_clues_overdue}: dispositions past a deadline now;</li>
 * <li>{@code cluehub_consultations_opened_total}, {@code _closed_total}, {@code _closed_on_time_total},
 * {@code _all_answered_in_time_total},
 * {@code cluehub_consultations_open};</li>
 * <li>{@code cluehub_list_entries{list}} and {@code cluehub_list_version{list}}.</li>
 * </ul>
 */
@Component
public class MechanismMetrics implements MeterBinder {

    static final List<String> LISTS = List.of("serious-violators", "blacklist", "platform-report");

    private final Statistics statistics;

    public MechanismMetrics(Statistics statistics) {
        this.statistics = statistics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Department department : Department.values()) {
            for (Level level : Level.values()) {
                String levelName = level.name().toLowerCase(Locale.ROOT);
                FunctionCounter.builder("cluehub.clues.transferred", statistics, s -> s.cached().clues().transferred()
                                .stream().filter(t -> t.department().equals(department.name())
                                        && t.level().equals(levelName))
                                .mapToLong(MechanismStatistics.Transferred::count).sum())
                        .description("Clue transfers accepted, by the sending office's department and level")
                        .tag("department", department.name()).tag("level", levelName)
                        .register(registry);
            }
        }
        gauge(registry, "cluehub.clues.hours.to.acceptance", "Hours from delivery to acceptance",
                s -> orNaN(s.cached().clues().medianHoursToAcceptance()), "quantile", "0.5");
        gauge(registry, "cluehub.clues.hours.to.acceptance", "Hours from delivery to acceptance",
                s -> orNaN(s.cached().clues().p90HoursToAcceptance()), "quantile", "0.9");
        gauge(registry, "cluehub.clues.overdue", "Clue dispositions past a deadline", s -> s.cached().clues().overdue());
        counter(registry, "cluehub.consultations.opened", "Consultation sessions opened",
                s -> s.cached().consultations().opened());
        counter(registry, "cluehub.consultations.closed", "Consultation sessions closed by a decision",
                s -> s.cached().consultations().closed());
        counter(registry, "cluehub.consultations.closed.on.time", "Consultation sessions decided by their deadline",
                s -> s.cached().consultations().closedOnTime());
        counter(registry, "cluehub.consultations.all.answered.in.time",
                "Consultation sessions whose invitees all answered by the deadline",
                s -> s.cached().consultations().allAnsweredInTime());
        gauge(registry, "cluehub.consultations.open", "Consultation sessions open now",
                s -> s.cached().consultations().open());
        for (String list : LISTS) {
            gauge(registry, "cluehub.list.entries", "Entries in force on a shared list", s -> s.cached().lists()
                    .stream().filter(l -> l.list().equals(list)).mapToLong(MechanismStatistics.ListSize::size).sum(),
                    "list", list);
            gauge(registry, "cluehub.list.version", "A shared list's version", s -> s.cached().lists().stream()
                    .filter(l -> l.list().equals(list)).mapToLong(MechanismStatistics.ListSize::version).sum(),
                    "list", list);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Statistics> value,
            String... tags) {
        Gauge.builder(name, statistics, value).description(description).tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<Statistics> value) {
        FunctionCounter.builder(name, statistics, value).description(description).register(registry);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
