## An instance's Monitoring tab and its charts.

mon-range = Range
mon-last-hour = Last hour
mon-last-day = Last day
mon-last-week = Last week
mon-custom = Custom…
mon-loading = Loading…
mon-loading-metrics = Loading metrics…
mon-from = From (UTC)
mon-to = To (UTC)
mon-show = Show range
mon-metrics = Metrics
mon-pick = Pick at least one metric to chart.
mon-from-bad = From must be a date and time
mon-to-bad = To must be a date and time
mon-too-short = The range must be at least 10 minutes, To after From
mon-too-long = The range can be at most 31 days
chart-no-data = No data in this range.
chart-point = Point at the chart for a value.
chart-watchdogs-on = Watchdogs on { $title }
chart-watchdog = Watchdog —{" "}
chart-value = value
chart-described = { $title } chart: latest { $latest } { $unit }, lowest { $lowest }, highest { $highest }, { $from } – { $to } UTC
