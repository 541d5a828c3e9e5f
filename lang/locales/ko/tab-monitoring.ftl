## DB 인스턴스의 모니터링 탭과 차트.

mon-range = 기간
mon-last-hour = 최근 1시간
mon-last-day = 최근 1일
mon-last-week = 최근 1주
mon-custom = 직접 지정…
mon-loading = 불러오는 중…
mon-loading-metrics = 지표를 불러오는 중…
mon-from = 시작 (UTC)
mon-to = 종료 (UTC)
mon-show = 기간 보기
mon-metrics = 지표
mon-pick = 차트로 볼 지표를 하나 이상 고르세요.
mon-from-bad = 시작은 날짜와 시각이어야 합니다
mon-to-bad = 종료는 날짜와 시각이어야 합니다
mon-too-short = 기간은 10분 이상이어야 하고 종료가 시작보다 뒤여야 합니다
mon-too-long = 기간은 최대 31일입니다
chart-no-data = 이 기간에는 데이터가 없습니다.
chart-point = 차트를 가리키면 값을 보여 줍니다.
chart-watchdogs-on = { $title }의 감시 설정
chart-watchdog = 감시 설정 —{" "}
chart-value = 값
chart-described = { $title } 차트: 최근 { $latest } { $unit }, 최저 { $lowest }, 최고 { $highest }, { $from } – { $to } UTC
