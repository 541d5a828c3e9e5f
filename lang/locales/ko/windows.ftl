## 시간대의 길이.

WindowDuration-HALF_AN_HOUR = 30분
WindowDuration-ONE_HOUR = 1시간
WindowDuration-ONE_HOUR_AND_HALF = 1시간 30분
WindowDuration-TWO_HOURS = 2시간
WindowDuration-TWO_HOURS_AND_HALF = 2시간 30분
WindowDuration-THREE_HOURS = 3시간
