## 값을 거부한 이유 (코드별). 감사 로그에는 코드와 영어 문장을 남기고,
## 화면에는 구성원의 언어로 보여 줍니다.

refusal-required = 필수 항목입니다
refusal-range = { $min }에서 { $max } 사이여야 합니다 (입력: { $got })
refusal-path-id = 영문자, 숫자, '-', '_'로 된 1~100자의 ID여야 합니다
refusal-start-letter = 영문자(a–z, A–Z)로 시작해야 합니다
refusal-name-chars-dots = 영문자, 숫자, '-', '_', '.'만 쓸 수 있습니다
refusal-name-chars = 영문자, 숫자, '-', '_'만 쓸 수 있습니다
refusal-length-exact = { $min }자여야 합니다 (입력: { $got }자)
refusal-length = { $min }~{ $max }자여야 합니다 (입력: { $got }자)
refusal-one-of = { $choices } 중 하나여야 합니다 (입력: { $got })
refusal-shrink = 줄일 수 없습니다. 이 DB 인스턴스는 이미 { $current } GB입니다 (입력: { $got })
refusal-time-of-day = hh:mm:ss 형식의 시각이어야 합니다 (입력: "{ $got }")
refusal-cidr = 10.0.0.0/8 같은 CIDR이어야 합니다 (입력: "{ $got }")
refusal-empty = 비어 있습니다
refusal-not-whole = 정수여야 합니다 (입력: "{ $got }")
refusal-sign-in = 사용자 이름 또는 비밀번호가 올바르지 않습니다
refusal-disable-yourself = 자기 자신은 비활성화할 수 없습니다
