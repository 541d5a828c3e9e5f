## 작업 페이지: pgdeck가 끝까지 따라가는 NHN Cloud 작업.

jobs-title = { -jobs }
jobs-tabs = 작업 상태
jobs-all = 전체
jobs-running = 진행 중
jobs-finished = 완료
jobs-hint = pgdeck로 시작한 모든 작업은 끝날 때까지 추적합니다. pgdeck를 다시 시작해도 마찬가지입니다.
jobs-loading = 작업을 불러오는 중…
jobs-empty = 아직 작업이 없습니다. DB 인스턴스, 백업, 접근 제어에서 작업을 시작하면 여기에 나타납니다.
jobs-col-action = 작업 내용
jobs-col-resource = 리소스
jobs-col-asked-by = 요청자
jobs-col-status = 상태
jobs-col-started = 시작
jobs-col-ended = 종료
jobs-col-job = 작업 ID
jobs-audit-link = 감사 로그
