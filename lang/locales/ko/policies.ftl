## 설정: 승인 정책과 알림 웹훅.

policies-settings = 설정
policies-title = 승인 정책
policies-hint = 복원은 기본적으로 승인 없이 실행됩니다. 새 DB 인스턴스를 만들 뿐 기존 리소스는 바꾸지 않기 때문입니다.
policies-loading = 정책을 불러오는 중…
policies-col-action = 작업
policies-col-needs = 승인 필요
policies-col-approvals = 승인 수
policies-col-open = 투표 기간 (시간)
policies-col-run-within = 실행 기한 (시간)
policies-col-roles = 승인자 역할
webhooks-title = 알림 웹훅
webhooks-none = 웹훅이 없습니다. 요청, 승인, 결과를 어디에도 알리지 않습니다.
webhooks-table = 웹훅
webhooks-col-name = 이름
webhooks-col-kind = 종류
webhooks-col-address = 주소
webhooks-col-failed = 전달 실패
webhooks-none-failed = 없음
webhooks-remove = 삭제
webhooks-name = 웹훅 이름
webhooks-address = 웹훅 주소
webhooks-slack = Slack 호환
webhooks-dooray = NHN Dooray
webhooks-add = 웹훅 추가
policies-customised = 기본값에서 바뀜
policies-also-covers = 함께 적용: 
webhooks-failures = { $count }회 — 마지막: { $error }
policies-needs-label = { $action } 승인 필요
policies-approvals-label = { $action } 필요한 승인 수
policies-open-label = { $action } 투표 기간(시간)
policies-run-label = { $action } 실행 기한(시간)

## 다른 호출이 승인이 필요한 작업과 같은 효과를 낼 때 (model::actions::EFFECTS 순서).
covers-ha-off-pause = useHighAvailability를 끄면: 자동 장애 조치가 멈춥니다
covers-ha-off-split = useHighAvailability를 끄면: 예비 마스터가 제거됩니다
covers-database-hba = applyHbaRulesImmediately를 켜면: 대기 중인 모든 접근 제어 변경이 적용됩니다
covers-user-hba = applyHbaRulesImmediately를 켜면: 대기 중인 모든 접근 제어 변경이 적용됩니다
covers-parameter-group = parameterGroupId를 지정하면: 인스턴스가 그 그룹의 파라미터를 따릅니다
covers-user-group-empty = 그룹에 멤버가 하나도 남지 않으면: 그 그룹으로 가는 알림이 멈춥니다
covers-notification-off = isEnabled를 끄면: 그룹의 알림이 멈춥니다
covers-rules-all-deleted = 인스턴스가 쓰는 그룹의 규칙을 모두 삭제하면: 인스턴스가 어떤 트래픽도 받지 않습니다
covers-parameters-default = 그 뒤 그룹의 모든 파라미터가 기본값이 되면
webhooks-col-language = 언어
webhooks-language = 알림 언어
