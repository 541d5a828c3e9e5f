## NHN Cloud가 측정하는 지표 (서버 대시보드), 감시 설정 문장.

metric-CPU_USAGE = CPU 사용률
metric-CPU_LOAD_AVERAGE_1M = CPU 평균 부하 1분
metric-CPU_LOAD_AVERAGE_5M = CPU 평균 부하 5분
metric-CPU_LOAD_AVERAGE_15M = CPU 평균 부하 15분
metric-MEMORY_USAGE = 메모리 사용률
metric-MEMORY_USED = 메모리 사용량
metric-MEMORY_FREE = 메모리 여유량
metric-SWAP_USAGE = 스왑 사용률
metric-STORAGE_USAGE = 스토리지 사용률
metric-STORAGE_USED = 스토리지 사용량
metric-STORAGE_IO_READ = 스토리지 I/O 읽기
metric-STORAGE_IO_WRITE = 스토리지 I/O 쓰기
metric-NETWORK_RECV = 네트워크 수신
metric-NETWORK_SENT = 네트워크 송신
metric-DATABASE_STATUS = 데이터베이스 상태
metric-DATABASE_CONNECTIONS = 데이터베이스 연결 수
metric-TRANSACTIONS_PER_SECOND = 초당 트랜잭션 수
metric-QUERIES_PER_SECOND = 초당 쿼리 수
metric-DEADLOCKS = 교착 상태
metric-REPLICATION_DELAY = 복제 지연

watchdog-sentence = { $metric } { $sign } { $threshold }{ $unit }, { $minutes }분 동안

unit-count = 개
unit-count-per-second = 개/초
