## 파라미터 그룹 일괄 수정.

par-paste = 이름 = 값 줄을 붙여 넣기
par-preview = 미리 보기
par-bulk-preview = 일괄 수정 미리 보기
par-line = 줄
par-now = 현재
par-new-value = 새 값
par-restart = 재시작
par-check = 확인
par-stage-n = 유효한 변경 { $count }개 반영
par-not-in-group = { $name }은(는) 이 그룹의 파라미터가 아닙니다
par-constant = { $name }은(는) 변경할 수 없습니다
par-yes = 예
par-no = 아니요
par-ok = 정상
par-conf-no-value = { $name }: 값이 없습니다
par-conf-not-a-name = "{ $name }"은(는) 파라미터 이름이 아닙니다
par-conf-open-quote = { $name }: 따옴표가 닫히지 않았습니다
par-conf-unquoted = { $name }: 공백이 있는 값은 따옴표('...')로 감싸야 합니다
