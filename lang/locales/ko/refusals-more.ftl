## pgdeck 서버가 거부한 이유 (권한, 상태), 코드별.

refusal-role-cannot = { $role } 역할은 이 작업을 할 수 없습니다
refusal-approvals-all-admins = 모든 구성원의 요청은 관리자만 볼 수 있습니다: '나를 기다리는 요청' 또는 '내 요청'을 고르세요
refusal-vote-role = { $role } 역할은 요청에 투표할 수 없습니다
refusal-vote-own = 자신의 요청은 승인하거나 거부할 수 없습니다
refusal-vote-needs = 이 요청은 다음 역할의 투표가 필요합니다: { $roles }
refusal-votes-closed = 요청이 { $state } 상태이므로 투표가 끝났습니다
refusal-vote-expired = 이 투표 전에 요청이 만료되었습니다
refusal-cancel-not-yours = 요청자만 요청을 취소할 수 있습니다
refusal-cancel-closed = 요청이 { $state } 상태이므로 더 이상 취소할 수 없습니다
refusal-too-many-open = 열려 있는 요청이 { $open }개로, 한 구성원이 가질 수 있는 최대({ $most }개)입니다: 투표를 기다리거나 일부를 먼저 취소하세요
refusal-changed-since-filed = 요청 후 대상이 바뀌었습니다
refusal-not-running = 요청이 { $state } 상태이며 실행 중이 아닙니다
refusal-requester-gone = 요청자가 비활성화되었거나 없어 아무것도 실행하지 않았습니다
refusal-security-group-in-use = { -security-group }을(를) { $names }에서 사용 중입니다: 먼저 해당 설정에서 제거하세요
refusal-parameter-group-in-use = { -parameter-group }을(를) { $names }에서 사용 중입니다: 먼저 다른 그룹으로 옮기세요
refusal-backup-deleting = 백업 { $name }은(는) 이미 삭제 중입니다
refusal-backup-not-done = 백업 { $name }은(는) { $state } 상태입니다: 완료될 때까지 기다리세요
refusal-sso-no-role = 속한 그룹 중 pgdeck 역할을 주는 그룹이 없습니다: 관리자에게 문의하세요
refusal-sso-disabled = pgdeck 계정이 비활성화되었습니다: 관리자에게 문의하세요
refusal-sign-in-locked = 로그인 실패가 너무 많습니다: { $minutes }분 후에 다시 시도하세요
refusal-sign-in-sso-only = 이 계정은 여기서 비밀번호로 로그인할 수 없습니다: ID 공급자로 로그인하세요

## 오류 안내.
err-sign-in = 다시 로그인하세요
err-not-allowed = 허용되지 않음: { $why }
err-not-found = 찾을 수 없음: { $what }
err-upstream = NHN Cloud가 요청을 거부했습니다 ({ $code }): { $message }
err-unavailable = NHN Cloud에 연결할 수 없습니다: { $why }
err-no-credentials = 먼저 NHN Cloud 인증 정보를 추가하세요
err-internal = 서버에서 문제가 발생했습니다 (참조 { $reference })
