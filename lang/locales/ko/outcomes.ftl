## 승인된 요청의 결과와, 요청 후 바뀐 점 (pgdeck이 기록한 대로).

result-ran = 실행함
result-stale = 실행하지 않음. 요청 후 바뀐 점:
result-stale-again = 여전히 필요하면 다시 요청하세요.
result-unknown = 실행 중에 pgdeck이 멈췄고 다시 보내지 않았습니다. 다시 요청하기 전에 리소스와 작업 페이지를 확인하세요.
change-gone = { $kind } '{ $name }'({ $id })을(를) 더 이상 찾을 수 없습니다
change-renamed = { $kind } 이름이 요청할 때는 '{ $was }'였고 지금은 '{ $now }'입니다 ({ $id })
change-elsewhere = { $kind } '{ $name }'({ $id })은(는) 더 이상 이 호출의 대상이 아닙니다
change-added = { $label }에 추가됨: { $line }
change-removed = { $label }에서 빠짐: { $line }

## 승인자가 판단하는 상태와 그 줄.
basis-access-rule-changes = 적용할 접근 제어 변경
basis-parameters-reset = 초기화할 파라미터
basis-values-replaced = 바꿀 파라미터의 현재 값
basis-group-parameters = 적용할 '{ $group }'의 파라미터
basis-extension-changes = 실행할 확장 변경
basis-group-rules = 그룹의 규칙
line-reset = { $name } = { $value } (기본값 { $initial })
line-value = { $name } = { $value }
line-no-such = { $name } = (없는 파라미터)
line-extension = { $action }: { $database }의 { $extension }
line-rule-ports = { $direction } { $cidr } 포트 { $from }-{ $to } ({ $id })
line-rule-port = { $direction } { $cidr } 포트 { $port } ({ $id })
line-rule-type = { $direction } { $cidr } { $kind } ({ $id })
