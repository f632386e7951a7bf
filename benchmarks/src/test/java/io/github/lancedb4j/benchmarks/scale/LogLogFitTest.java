package io.github.lancedb4j.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogLogFitTest {

    @Test
    void recovers_an_exact_power_law_and_extrapolates_it() {
        // value = 0.002 * rows^0.75
        List<double[]> points = List.of(new double[] {1e5, 0.002 * Math.pow(1e5, 0.75)},
                new double[] {3e5, 0.002 * Math.pow(3e5, 0.75)}, new double[] {1e6, 0.002 * Math.pow(1e6, 0.75)});

        LogLogFit fit = LogLogFit.of(points);

        assertThat(fit.b()).isCloseTo(0.75, within(1e-9));
        assertThat(fit.r2()).isCloseTo(1.0, within(1e-9));
        assertThat(fit.points()).isEqualTo(3);
        assertThat(fit.at(1e7)).isCloseTo(0.002 * Math.pow(1e7, 0.75), within(1e-6));
    }

    @Test
    void a_flat_figure_has_exponent_zero() {
        LogLogFit fit = LogLogFit.of(List.of(new double[] {1e4, 5}, new double[] {1e5, 5}, new double[] {1e6, 5}));

        assertThat(fit.b()).isCloseTo(0, within(1e-12));
        assertThat(fit.at(1e7)).isCloseTo(5, within(1e-9));
    }

    @Test
    void noisy_points_lower_r_squared_and_the_fit_goes_through_their_geometric_mean() {
        LogLogFit fit = LogLogFit.of(List.of(new double[] {1e4, 1}, new double[] {1e5, 20}, new double[] {1e6, 30}));

        assertThat(fit.r2()).isBetween(0.5, 0.99);
        // Least squares in log space passes through (mean ln x, mean ln y).
        assertThat(Math.log(fit.at(1e5))).isCloseTo((Math.log(1) + Math.log(20) + Math.log(30)) / 3, within(1e-9));
    }

    @Test
    void no_fit_without_two_distinct_row_counts_or_from_non_positive_values() {
        assertThat(LogLogFit.of(List.of(new double[] {1e5, 3}))).isNull();
        assertThat(LogLogFit.of(List.of(new double[] {1e5, 3}, new double[] {1e5, 4}))).isNull();
        // Zero and NaN values are left out (a log-log fit cannot place them), leaving one point.
        assertThat(LogLogFit.of(List.of(new double[] {1e4, 0}, new double[] {1e5, 4}, new double[] {1e6, Double.NaN})))
                .isNull();
    }
}
