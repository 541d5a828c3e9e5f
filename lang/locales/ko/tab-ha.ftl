## DB 인스턴스의 고가용성 탭.

ha-ha = 고가용성
ha-state = 상태
ha-ping = 핑 간격
ha-failover-wait = 장애 조치 복제 대기 시간
ha-wait-replication = 복제를 기다림
ha-pause = 일시 중지
ha-resume = 재개
ha-repair = 복구
ha-split = 분리
ha-modify = 고가용성 변경
ha-use = 고가용성 사용
ha-ping-seconds = 핑 간격 (초)
ha-failover-label = 장애 조치 시 복제 대기 시간 (초, -1이면 따라잡을 때까지 대기)
ha-failover-name = 장애 조치 복제 대기 시간 (초)
ha-save = 고가용성 저장
ha-no-replicas = 아직 읽기 복제본이 없습니다.
ha-members = DB 인스턴스 그룹 구성원
ha-instance = DB 인스턴스
ha-role = 역할
ha-status = 상태
ha-group = DB 인스턴스 그룹 { $id }
ha-replicas = 읽기 복제본 { $count }개.
ha-seconds = { $n }초

ha-this-instance = (이 DB 인스턴스)
