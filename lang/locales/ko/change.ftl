## 모든 변경이 거치는 확인 창과 그 결과, 오류.

opening-confirmation = 확인 창을 여는 중…
online-failover = 온라인 장애 조치로 재시작 (고가용성 DB 인스턴스: 후보가 먼저 넘겨받음)
backup-first = 재시작 전에 백업
backup-name = 백업 이름
needs-approval-hint = 이 작업은 다른 구성원의 승인이 필요합니다. 지금 실행하지 않고 요청으로 접수합니다.
reason-required = 사유 (승인이 필요하면 필수)
cancel = 취소
started-job = 작업 { $job }을(를) 시작했습니다. 진행 상황은 여기와 작업 페이지에 표시됩니다.
done = 완료했습니다.
filed-for-approval = 이 작업은 승인이 필요합니다. 요청 #{ $approval }이(가) 승인자를 기다립니다.
see-request = 요청 보기
error-lead = 완료하지 못함:
throttled-lead = 요청이 제한됨:
add-credentials = 설정에서 인증 정보 추가
