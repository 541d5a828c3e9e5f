## DB 인스턴스의 DB 사용자 탭.

dbu-loading = DB 사용자를 불러오는 중…
dbu-none = 아직 DB 사용자가 없습니다.
dbu-change = 변경
dbu-keep = 유지
dbu-apply-rules = DB 인스턴스의 접근 제어를 바로 적용 (이름을 바꾼 사용자도 계속 규칙에 맞도록)
dbu-password = 비밀번호
dbu-give-something = 새 이름, 새 비밀번호, 새 권한 중 하나 이상을 입력하세요.
dbu-change-user = DB 사용자 변경
dbu-cancel = 취소
dbu-add = DB 사용자 추가
dbu-new-password = DB 사용자 비밀번호 (1~32자)
dbu-authority = 권한
dbu-address-label = 기본 접근 제어 주소 (선택)
dbu-address = 주소
dbu-address-hint = 주소를 입력하면 그 주소에서 이 사용자를 허용하는 접근 제어 규칙도 추가합니다. 입력하지 않으면 사용자가 접속하기 전에 규칙을 직접 추가하세요.
dbu-create = DB 사용자 생성
dbu-what = DB 사용자 { $name }
dbu-change-label = DB 사용자 { $name } 변경
dbu-new-name-for = { $name }의 새 이름 (비우면 유지)
dbu-new-password-for = { $name }의 새 비밀번호 (비우면 유지)
dbu-new-authority-for = { $name }의 새 권한
dbu-new-name = DB 사용자 이름 (1~32자)
dbu-name = DB 사용자 이름
dbu-table = DB 사용자
