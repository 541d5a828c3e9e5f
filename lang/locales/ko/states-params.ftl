# API가 보내는 값의 이름 (rds/src/enums.rs). 메시지 이름은 <Enum>-<값>입니다.


## ParameterGroupStatus
ParameterGroupStatus-STABLE = 적용됨
ParameterGroupStatus-NEED_TO_APPLY = 적용 필요
ParameterGroupStatus-DELETED = 삭제됨

## ValueUnit
ValueUnit-B = 바이트
ValueUnit-kB = 킬로바이트
ValueUnit-MB = 메가바이트
ValueUnit-GB = 기가바이트
ValueUnit-TB = 테라바이트
ValueUnit-us = 마이크로초
ValueUnit-ms = 밀리초
ValueUnit-s = 초
ValueUnit-min = 분
ValueUnit-h = 시간
ValueUnit-d = 일

## ValueType
ValueType-BOOLEAN = 불리언
ValueType-STRING = 문자열
ValueType-NUMERIC = 숫자
ValueType-NUMERIC_WITH_BYTE_UNIT = 크기
ValueType-NUMERIC_WITH_TIME_UNIT = 기간
ValueType-ENUMERATED = 허용 값 중 하나
ValueType-MULTI_ENUMERATED = 허용 값 중 여러 개
ValueType-TIMEZONE = 시간대

## UpdateType
UpdateType-VARIABLE = 변경 가능
UpdateType-CONSTANT = 고정

## ParameterApplyType
ParameterApplyType-SESSION = 세션별
ParameterApplyType-FILE = 설정 파일 (재시작)
ParameterApplyType-BOTH = 세션 및 파일
