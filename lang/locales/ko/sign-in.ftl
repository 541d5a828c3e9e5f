## 로그인 페이지.

sign-in-title = pgdeck에 로그인
sign-in-demo = 데모 구성원: admin, alice, bob, carol, victor, audrey — 비밀번호
sign-in-with = { $name }(으)로 로그인
sign-in-break-glass = 아래 비밀번호 로그인은 관리자의 비상용 계정을 위해 남겨 두었습니다.
username = 사용자 이름
password = 비밀번호
sign-in = 로그인
signing-in = 로그인하는 중…
