# API가 보내는 값의 이름 (rds/src/enums.rs). 메시지 이름은 <Enum>-<값>입니다.


## CreatedStatus
CreatedStatus-CREATED = 생성됨
CreatedStatus-DELETED = 삭제됨

## ReplicationType
ReplicationType-STANDALONE = 단일
ReplicationType-HIGH_AVAILABILITY = { -high-availability }

## DbInstanceType
DbInstanceType-MASTER = 마스터
DbInstanceType-FAILED_MASTER = 장애 조치된 마스터
DbInstanceType-CANDIDATE_MASTER = 예비 마스터
DbInstanceType-READ_ONLY_SLAVE = { -replica }

## DbInstanceStatus
DbInstanceStatus-AVAILABLE = 사용 가능
DbInstanceStatus-BEFORE_CREATE = 생성 전
DbInstanceStatus-STORAGE_FULL = 용량 부족
DbInstanceStatus-FAIL_TO_CREATE = 생성 실패
DbInstanceStatus-FAIL_TO_CONNECT = 연결 실패
DbInstanceStatus-REPLICATION_STOP = 복제 중단
DbInstanceStatus-REPLICATION_DELAY = 복제 지연
DbInstanceStatus-FAILOVER = 장애 조치 완료
DbInstanceStatus-SHUTDOWN = 중지됨
DbInstanceStatus-DELETED = 삭제됨

## ProgressStatus
ProgressStatus-NONE = 없음
ProgressStatus-APPLYING_DB_INSTANCE_HBA_RULE = 접근 제어 규칙 적용 중
ProgressStatus-APPLYING_PARAMETER_GROUP = { -parameter-group } 적용 중
ProgressStatus-APPLYING_EXTENSION = DB 확장 적용 중
ProgressStatus-SYNCING_EXTENSION = DB 확장 동기화 중
ProgressStatus-BACKING_UP = 백업 중
ProgressStatus-CANCELING = 취소 중
ProgressStatus-CREATING = 생성 중
ProgressStatus-CREATING_DATABASE = 데이터베이스 생성 중
ProgressStatus-CREATING_USER = 사용자 생성 중
ProgressStatus-DELETING = 삭제 중
ProgressStatus-DELETING_DATABASE = 데이터베이스 삭제 중
ProgressStatus-DELETING_USER = 사용자 삭제 중
ProgressStatus-EXPORTING_BACKUP = 백업 내보내는 중
ProgressStatus-FAILING_OVER = 장애 조치 중
ProgressStatus-MIGRATING = 마이그레이션 중
ProgressStatus-MODIFYING = 수정 중
ProgressStatus-OCCUPIED = 작업 중
ProgressStatus-PREPARING = 준비 중
ProgressStatus-PROMOTING = 승격 중
ProgressStatus-PROMOTING_FORCIBLY = 강제 승격 중
ProgressStatus-REBUILDING = 재구축 중
ProgressStatus-REPAIRING = 복구 중
ProgressStatus-REPLICATING = 복제 중
ProgressStatus-RESTARTING = 다시 시작 중
ProgressStatus-RESTARTING_FORCIBLY = 강제 재시작 중
ProgressStatus-RESTORING = 복원 중
ProgressStatus-STARTING = 시작 중
ProgressStatus-STOPPING = 중지 중
ProgressStatus-SYNCING_DATABASE = 데이터베이스 동기화 중
ProgressStatus-SYNCING_USER = 사용자 동기화 중
ProgressStatus-UPDATING_USER = 사용자 수정 중
ProgressStatus-UPDATING_DATABASE = 데이터베이스 수정 중
ProgressStatus-WAIT_MANUAL_CONTROL = 수동 장애 조치 대기 중

## HaStatus
HaStatus-CREATED = 생성됨
HaStatus-STABLE = 안정
HaStatus-DISABLE_REPLICATION_DELAY = 복제 지연으로 장애 조치 중지됨
HaStatus-PAUSING = 일시 중지 중
HaStatus-PAUSED = 일시 중지됨
HaStatus-PAUSED_DUE_TO_TASK = 작업으로 일시 중지됨
HaStatus-FAILOVER_STARTED = 장애 조치 시작됨
HaStatus-FAILOVER_FAILED = 장애 조치 실패
HaStatus-FAILOVER_COMPLETED = 장애 조치 완료
HaStatus-DELETED = 삭제됨

## StorageStatus
StorageStatus-DETACHED = 분리됨
StorageStatus-ATTACHED = 연결됨
StorageStatus-DELETED = 삭제됨

## EndPointType
EndPointType-EXTERNAL = 외부
EndPointType-INTERNAL = 내부
EndPointType-PUBLIC = 외부 (이전 이름)
EndPointType-PRIVATE = 내부 (이전 이름)



## ObjectStatus
ObjectStatus-STABLE = 생성됨
ObjectStatus-CREATING = 생성 중
ObjectStatus-MODIFYING = 수정 중
ObjectStatus-SYNCING = 동기화 중
ObjectStatus-DELETING = 삭제 중
ObjectStatus-DELETED = 삭제됨

## AuthorityType
AuthorityType-CRUD = DML (CRUD)
AuthorityType-DDL = DDL

## HbaRuleStatus
HbaRuleStatus-CREATED = 생성됨
HbaRuleStatus-APPLIED = 적용됨
HbaRuleStatus-CREATING = 생성 중
HbaRuleStatus-MODIFYING = 수정 중
HbaRuleStatus-DELETING = 삭제 중
HbaRuleStatus-DELETED = 삭제됨

## ApplyType
ApplyType-ENTIRE = 전체
ApplyType-USER_CUSTOM = 선택

## AuthMethod
AuthMethod-TRUST = 신뢰 (비밀번호 없음)
AuthMethod-REJECT = 거부
AuthMethod-SCRAM_SHA_256 = 비밀번호 (SCRAM-SHA-256)

## ReservedAction
ReservedAction-NONE = 없음
ReservedAction-CREATE = 생성 예정
ReservedAction-MODIFY = 수정 예정
ReservedAction-DELETE = 삭제 예정

## RegionCode
RegionCode-KR1 = 한국(판교) 리전
RegionCode-KR2 = 한국(평촌) 리전
RegionCode-JP1 = 일본(도쿄) 리전

## ExtensionStatus
ExtensionStatus-AVAILABLE = 사용 가능
ExtensionStatus-NEED_TO_APPLY = 적용 필요
ExtensionStatus-APPLYING = 적용 중

## GroupExtensionStatus
GroupExtensionStatus-CREATED = 생성됨
GroupExtensionStatus-INSTALLED = 설치됨
GroupExtensionStatus-INSTALLING = 설치 중
GroupExtensionStatus-INSTALL_ERROR = 설치 실패
GroupExtensionStatus-DELETED = 삭제됨
GroupExtensionStatus-DELETING = 삭제 중
GroupExtensionStatus-DELETE_ERROR = 삭제 실패

## ExtensionReservedAction
ExtensionReservedAction-NONE = 없음
ExtensionReservedAction-INSTALL = 설치 예정
ExtensionReservedAction-INSTALL_WITH_CASCADE = 종속 항목과 함께 설치 예정
ExtensionReservedAction-DELETE = 삭제 예정
ExtensionReservedAction-DELETE_WITH_CASCADE = 종속 항목과 함께 삭제 예정
