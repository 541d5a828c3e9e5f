# API가 보내는 값의 이름 (rds/src/enums.rs). 메시지 이름은 <Enum>-<값>입니다.


## SecurityGroupProgress
SecurityGroupProgress-NONE = 없음
SecurityGroupProgress-CREATING_RULE = 규칙 생성 중
SecurityGroupProgress-UPDATING_RULE = 규칙 수정 중
SecurityGroupProgress-DELETING_RULE = 규칙 삭제 중
SecurityGroupProgress-APPLYING_DEFAULT_RULE = 기본 규칙 적용 중

## Direction
Direction-INGRESS = 수신
Direction-EGRESS = 송신

## PortType
PortType-DB_PORT = DB 포트
PortType-PORT = 포트
PortType-PORT_RANGE = 포트 범위

## UserGroupTypeCode
UserGroupTypeCode-ENTIRE = 프로젝트 멤버 전체
UserGroupTypeCode-INDIVIDUAL_MEMBER = 개별 멤버

## EventCategoryType
EventCategoryType-ALL = 전체
EventCategoryType-BACKUP = { -backup }
EventCategoryType-DB_INSTANCE = { -db-instance }
EventCategoryType-DB_SECURITY_GROUP = { -security-group }
EventCategoryType-JOB = 작업
EventCategoryType-TENANT = 테넌트
EventCategoryType-MONITORING = { -monitoring }
