## 승인 페이지.

approvals-title = { -approvals }
approval-views = 승인 보기
view-inbox = 나를 기다리는 요청
view-mine = 내 요청
view-all = 전체
approvals-hint = 삭제처럼 되돌릴 수 없는 작업은 요청자가 아닌 다른 사람이 승인할 때까지 여기서 기다립니다. 승인되면 요청자로서 한 번 실행됩니다.
loading-requests = 요청을 불러오는 중…
no-requests = 요청이 없습니다.
pages = 페이지
previous = 이전
next = 다음
page-of = { $page }/{ $pages } 페이지 · 요청 { $count }개
request-label = 요청 { $id }
requested-by-label = 요청자
requested-at = 요청 시각
reason = 사유
approvals-label = 승인
approvals-of = { $given }/{ $needed } (승인 가능: { $roles })
open-until = 마감
not-found-when-filed = { $id } (요청 당시 찾을 수 없음)
renamed-since = ⚠ 지금 이름은 '{ $name }' — 요청 후에 이름이 바뀌었습니다
what-runs = 실행할 내용
as-sent = 보낼 그대로
gated-as = 승인 기준
gated-as-note = (이 호출은 각각의 효과를 가집니다)
what-it-changes = 바뀌는 내용
result = 결과
result-code = (코드 { $code })
job-label = 작업
record = 기록
audit-history = 이 리소스의 감사 로그
comment-on = 요청 #{ $id }에 대한 의견 (필수)
comment-hint = 승인하거나 거절하려면 의견이 필요합니다. 의견은 감사 로그에 남습니다.
approve = 승인
reject = 거절
cancel-request = 요청 취소
roles-or = 또는

## 요청의 상태.
state-pending = 대기 중
state-approved = 승인됨
state-running = 실행 중
state-executed = 실행됨
state-failed = 실패
state-rejected = 거부됨
state-cancelled = 취소됨
state-expired = 만료됨
state-unknown = 알 수 없음
state-stale = 변경되어 중단됨

## 작업 내용과 투표.
words-yes = 예
words-no = 아니요
words-none = 없음
voted-approve = { $who } 님이 { $at }에 승인:{" "}
voted-reject = { $who } 님이 { $at }에 거부:{" "}
