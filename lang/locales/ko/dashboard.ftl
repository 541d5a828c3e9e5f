## 대시보드.

dashboard-title = 대시보드
all-instances = 모든 { -db-instances }
loading-estate = 전체 현황을 불러오는 중…
estate-title = { -db-instances }
no-credentials = 전체 현황은 내 { -nhn-cloud } 인증 정보로 읽는데, 아직 인증 정보가 없습니다.
add-credentials-link = 설정에서 인증 정보 추가
no-credentials-end = 후 DB 인스턴스와 이벤트를 볼 수 있습니다.
estate-summary = DB 인스턴스 { $total }개, 주의 필요 { $attention }개
instances-by-state = 상태별 DB 인스턴스
col-instance = DB 인스턴스
col-status = 상태
col-needs-attention = 주의 필요
waiting-title = 내 승인을 기다리는 요청
nothing-waits = 기다리는 요청이 없습니다.
requested-by = 요청자
mine-title = 내가 연 요청
no-open-requests = 열려 있는 요청이 없습니다.
not-run = 실행 안 함: { $reason }
approvals-count = (승인 { $given }/{ $needed })
running-title = 진행 중
no-jobs-running = 진행 중인 작업이 없습니다.
job-on = { $resource }: { $action }
events-title = 최근 { -event }
no-recent-events = 최근 30일 동안 이벤트가 없습니다.
recent-events = 최근 이벤트
all-events = 모든 { -events }

## 인스턴스에 주의가 필요한 이유.
attention-status = 상태 { $status }
attention-unknown = 알 수 없음
attention-parameters = 적용할 { -parameter-group } 변경 사항 있음
attention-storage = 스토리지 { $used }% 사용 중
attention-ha = { -high-availability }: { $status }
