extension WebAssets {
    /// The cashier screen's one page; screen.js shows one of its sections at a time.
    static let indexPage = #"""
<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>posagent</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/screen.css">
<script src="/assets/screen.js" defer></script>
</head>
<body>
<header id="bar">
  <span id="store-name">posagent</span>
  <div id="status" aria-live="polite">
    <span class="chip off" id="status-tablet"><i></i><b data-i18n="tablet">태블릿</b> <em></em></span>
    <span class="chip off" id="status-scanner"><i></i><b data-i18n="scanner">스캐너</b> <em></em></span>
    <span class="chip" id="status-backlog"><b data-i18n="backlog">업로드 대기</b> <em>–</em></span>
    <span class="chip off hidden" id="status-link"><i></i><em data-i18n="agentUnreachable">에이전트 연결 끊김</em></span>
  </div>
  <button type="button" id="language" class="plain">English</button>
  <button type="button" id="sign-out" class="plain hidden" data-i18n="signOut">로그아웃</button>
</header>

<section id="sign-in" class="view hidden">
  <div class="card narrow">
    <h1 data-i18n="signInTitle">캐셔 로그인</h1>
    <p data-i18n="signInHint">매장 캐셔 PIN을 입력하세요</p>
    <div class="field active" id="pin" data-kind="pin" data-max="16"><span class="value"></span></div>
    <div class="keypad" data-for="pin"></div>
    <button type="button" class="primary" id="sign-in-button" data-i18n="signIn">로그인</button>
    <p class="message" id="sign-in-message" role="alert"></p>
  </div>
</section>

<div id="app" class="hidden">
  <nav id="menu">
    <button type="button" data-view="accrual" data-i18n="accrual">적립</button>
    <button type="button" data-view="use" data-i18n="use">사용</button>
    <button type="button" data-view="history" data-i18n="history">내역</button>
    <button type="button" data-view="conversion" data-i18n="conversion">포인트 전환</button>
    <button type="button" data-view="marketing" data-i18n="marketing">광고 이미지</button>
  </nav>

  <main>
    <div id="prompt-banner" class="banner hidden" role="status">
      <span class="spinner"></span>
      <div><strong data-i18n="waitingForCustomer">태블릿에서 고객 입력을 기다리는 중</strong><br><span id="prompt-text"></span></div>
      <button type="button" id="cancel-prompt" data-i18n="cancelPrompt">요청 취소</button>
    </div>

    <section id="accrual" class="view hidden">
      <div class="columns">
        <div class="form">
          <h2 data-i18n="accrual">적립</h2>
          <label data-i18n="paymentAmount">결제 금액</label>
          <div class="field active" id="accrual-amount" data-kind="won" data-max="10"><span class="value"></span><span class="unit" data-i18n="won">원</span></div>
          <label data-i18n="phoneOptional">휴대폰 번호 (비우면 고객이 태블릿에 입력)</label>
          <div class="field" id="accrual-phone" data-kind="phone" data-max="11"><span class="value"></span></div>
          <button type="button" class="primary" id="accrual-confirm" data-i18n="accrue">적립</button>
          <p class="message" id="accrual-message" role="alert"></p>
        </div>
        <div>
          <div class="keypad" data-for="accrual"></div>
          <div class="result hidden" id="accrual-result"></div>
        </div>
      </div>
    </section>

    <section id="use" class="view hidden">
      <div class="columns">
        <div class="form">
          <h2 data-i18n="use">사용</h2>
          <div id="use-identify">
            <label data-i18n="paymentAmount">결제 금액</label>
            <div class="field active" id="use-amount" data-kind="won" data-max="10"><span class="value"></span><span class="unit" data-i18n="won">원</span></div>
            <label data-i18n="phoneOptional">휴대폰 번호 (비우면 고객이 태블릿에 입력)</label>
            <div class="field" id="use-phone" data-kind="phone" data-max="11"><span class="value"></span></div>
            <button type="button" class="primary" id="use-identify-button" data-i18n="identify">회원 확인</button>
          </div>
          <div id="use-spend" class="hidden">
            <div class="member" id="use-member"></div>
            <div class="toggle">
              <button type="button" id="use-mode-points" class="selected" data-i18n="usePoints">포인트 사용</button>
              <button type="button" id="use-mode-stamps" data-i18n="useStamps">스탬프 사용</button>
            </div>
            <label id="use-quantity-label" data-i18n="pointsToUse">사용할 포인트</label>
            <div class="field active" id="use-quantity" data-kind="count" data-max="10"><span class="value"></span><span class="unit" id="use-quantity-unit">P</span></div>
            <p class="hint" id="use-rules"></p>
            <div class="row">
              <button type="button" id="use-restart" data-i18n="newCustomer">새 고객</button>
              <button type="button" class="primary" id="use-confirm" data-i18n="useConfirm">사용</button>
            </div>
          </div>
          <p class="message" id="use-message" role="alert"></p>
        </div>
        <div>
          <div class="keypad" data-for="use"></div>
          <div class="result hidden" id="use-result"></div>
        </div>
      </div>
    </section>

    <section id="history" class="view hidden">
      <div class="toolbar">
        <div class="toggle" id="history-ranges">
          <button type="button" data-range="today" class="selected" data-i18n="today">오늘</button>
          <button type="button" data-range="yesterday" data-i18n="yesterday">어제</button>
          <button type="button" data-range="week" data-i18n="week">7일</button>
          <button type="button" data-range="month" data-i18n="month">이번 달</button>
        </div>
        <input id="history-search" inputmode="numeric" maxlength="4" autocomplete="off" data-i18n-placeholder="lastFour" placeholder="전화번호 뒷 4자리">
        <button type="button" id="history-search-button" data-i18n="search">검색</button>
        <button type="button" id="history-csv" data-i18n="downloadCSV">CSV 다운로드</button>
      </div>
      <div class="table-wrap">
        <table id="history-table">
          <thead><tr>
            <th data-i18n="time">시간</th><th data-i18n="type">유형</th><th data-i18n="member">회원</th>
            <th class="num" data-i18n="payment">결제 금액</th><th class="num" data-i18n="points">포인트</th>
            <th class="num" data-i18n="stamps">스탬프</th><th data-i18n="state">상태</th>
          </tr></thead>
          <tbody></tbody>
        </table>
        <p class="empty hidden" id="history-empty" data-i18n="noTransactions">거래가 없습니다</p>
        <button type="button" id="history-more" class="hidden" data-i18n="more">더 보기</button>
      </div>
      <div class="selection">
        <span id="history-selected" data-i18n="selectHint">취소할 거래를 누르세요</span>
        <button type="button" class="danger" id="history-cancel" disabled data-i18n="cancelTransaction">거래취소</button>
      </div>
      <p class="message" id="history-message" role="alert"></p>
    </section>

    <section id="conversion" class="view hidden">
      <div class="columns">
        <div class="form">
          <h2 data-i18n="conversion">포인트 전환</h2>
          <label data-i18n="phone">휴대폰 번호</label>
          <div class="field active" id="conversion-phone" data-kind="phone" data-max="11"><span class="value"></span></div>
          <label data-i18n="pointsToGrant">지급할 포인트</label>
          <div class="field" id="conversion-points" data-kind="count" data-max="9"><span class="value"></span><span class="unit">P</span></div>
          <label data-i18n="stampsToGrant">지급할 스탬프</label>
          <div class="field" id="conversion-stamps" data-kind="count" data-max="4"><span class="value"></span><span class="unit" data-i18n="stampUnit">개</span></div>
          <label data-i18n="reason">사유</label>
          <div class="toggle wrap" id="conversion-reasons">
            <button type="button" data-reason="event" data-i18n="reasonEvent">이벤트</button>
            <button type="button" data-reason="compensation" data-i18n="reasonCompensation">고객 보상</button>
            <button type="button" data-reason="correction" data-i18n="reasonCorrection">오류 정정</button>
          </div>
          <input id="conversion-reason" maxlength="200" autocomplete="off" data-i18n-placeholder="reasonOther" placeholder="직접 입력">
          <button type="button" class="primary" id="conversion-confirm" data-i18n="convert">전환 (관리자 승인)</button>
          <p class="message" id="conversion-message" role="alert"></p>
        </div>
        <div>
          <div class="keypad" data-for="conversion"></div>
          <div class="result hidden" id="conversion-result"></div>
        </div>
      </div>
    </section>

    <section id="marketing" class="view hidden">
      <div class="toolbar">
        <h2 data-i18n="marketing">광고 이미지</h2>
        <span class="hint" id="marketing-tablet"></span>
        <button type="button" id="marketing-refresh" data-i18n="refresh">새로 고침</button>
      </div>
      <p class="hint" data-i18n="marketingHint">고객 태블릿의 대기 화면에 이 순서로 나옵니다</p>
      <ol id="marketing-images" class="thumbnails"></ol>
      <p class="empty hidden" id="marketing-empty" data-i18n="noImages">등록된 이미지가 없습니다</p>
      <p class="message" id="marketing-message" role="alert"></p>
    </section>
  </main>
</div>

<dialog id="confirm-dialog">
  <p id="confirm-text"></p>
  <label data-i18n="reason">사유</label>
  <div class="toggle wrap" id="cancel-reasons">
    <button type="button" data-reason="customer" class="selected" data-i18n="reasonCustomer">고객 요청</button>
    <button type="button" data-reason="return" data-i18n="reasonReturn">반품</button>
    <button type="button" data-reason="mistake" data-i18n="reasonMistake">입력 오류</button>
  </div>
  <div class="row">
    <button type="button" id="confirm-no" data-i18n="no">아니요</button>
    <button type="button" class="danger" id="confirm-yes" data-i18n="yesCancel">예, 취소합니다</button>
  </div>
</dialog>

<dialog id="manager-dialog">
  <h2 data-i18n="managerApproval">관리자 승인</h2>
  <p id="manager-what"></p>
  <label for="manager-id" data-i18n="managerId">관리자 ID</label>
  <input id="manager-id" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="50">
  <label for="manager-pin" data-i18n="managerPin">관리자 PIN</label>
  <input id="manager-pin" type="password" autocomplete="off" maxlength="128">
  <p class="message" id="manager-message" role="alert"></p>
  <div class="row">
    <button type="button" id="manager-no" data-i18n="back">돌아가기</button>
    <button type="button" class="primary" id="manager-yes" data-i18n="approve">승인</button>
  </div>
</dialog>
</body>
</html>
"""#
}
