## 설정: 팀 구성원.

users-settings = 설정
users-title = 구성원
users-loading = 구성원을 불러오는 중…
users-col-member = 구성원
users-col-role = 역할
users-col-credentials = 자격 증명
users-col-state = 상태
users-col-actions = 작업
users-credentials-none = 없음
users-disabled = 비활성
users-active = 활성
users-enable = 활성화
users-disable = 비활성화
users-new-password-placeholder = 새 비밀번호
users-set-password = 비밀번호 설정
users-password-changed = 비밀번호를 바꿨습니다. 해당 구성원의 세션은 모두 종료되었습니다.
users-add-title = 구성원 추가
users-username = 사용자 이름
users-display-name = 표시 이름
users-password = 비밀번호 (12자 이상)
users-add = 구성원 추가
users-added = 구성원을 추가했습니다.
users-role-of = { $username }의 역할
users-credential-sets = { $count }개
users-new-password-for = { $username }의 새 비밀번호
