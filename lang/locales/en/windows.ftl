## A daily window's length (WindowDuration, see states.ftl): the pages
## with backup and maintenance windows load these.

WindowDuration-HALF_AN_HOUR = 30 minutes
WindowDuration-ONE_HOUR = 1 hour
WindowDuration-ONE_HOUR_AND_HALF = 1.5 hours
WindowDuration-TWO_HOURS = 2 hours
WindowDuration-TWO_HOURS_AND_HALF = 2.5 hours
WindowDuration-THREE_HOURS = 3 hours
