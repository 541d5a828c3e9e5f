## 셸: 상단 바, 탐색, 모든 페이지가 함께 쓰는 것.

nav-sections = 메뉴
nav-dashboard = 대시보드
nav-instances = { -db-instances }
nav-backups = { -backups }
nav-access-control = { -access-control }
nav-jobs = { -jobs }
nav-events = { -events }
nav-alerting = 알림
nav-approvals = { -approvals }
nav-audit = { -audit }
nav-settings = 설정
sandbox-badge = 샌드박스
sandbox-badge-title = 모든 호출은 { -nhn-cloud }가 아니라 pgdeck에 내장된 에뮬레이터로 갑니다
signed-in-as = { $username }(으)로 로그인함
sign-out = 로그아웃
waiting-votes-title = 내 투표를 기다리는 요청
language = 언어
language-apply = 언어 변경
language-follow-browser = 브라우저 설정을 따름
page-not-found = 페이지를 찾을 수 없음
page-not-found-text = 이 주소에는 아무것도 없습니다.
back-to-dashboard = 대시보드로 돌아가기
role-admin = 관리자
role-operator = 운영자
role-viewer = 조회자
role-approver = 승인자
role-auditor = 감사자
loading = 불러오는 중…
count-items = { $count }개
my-language = 내 언어
my-language-hint = 로그인하는 모든 브라우저에서 pgdeck이 사용할 언어입니다. “브라우저 설정을 따름”을 고르면 브라우저마다 그 설정을 따릅니다.
grid-actions = 작업
grid-edit = 수정
grid-delete = 삭제
grid-verb-what = { $what } { $verb }
grid-delete-what = { $what } 삭제
grid-name = 이름
grid-members = 구성원
grid-created = 생성 일시
grid-user = 사용자
grid-authority = 권한
grid-state = 상태
grid-database = 데이터베이스
grid-schemas = 스키마
pager-bound = {" "}(처음 { $bound }개만 검색)
protection-on = 삭제 보호가 켜져 있습니다
protection-off = 삭제 보호가 꺼져 있습니다
toast-dismiss = 닫기
toast-completed = { $resource }: { $action } 완료
toast-note = { $resource }: { $action } — { $note }
toast-ended = { $resource }: { $action } 종료 ({ $status })

## 매일의 시간대 (백업, 유지 보수).
window-for = { $start }부터 { $length }
auto-maintenance-off = {" "}(자동 유지 보수 꺼짐)

## 이름이 같은 DB 인스턴스를 역할로 구분 ("orders-db (예비 마스터)").
naming-master = 마스터
naming-candidate = 예비 마스터
naming-replica = { -replica }
naming-failed-over = 장애 조치된 마스터
naming-pair = { $name } (고가용성 쌍)
