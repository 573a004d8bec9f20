extension WebAssets {
    /// The cashier screen's script, part: The words of both languages (Korean by default, English switchable) and their lookup.
    static let screenScriptWords = #"""
"use strict";

// ---- Words -------------------------------------------------------------------------------------

const WORDS = {
  ko: {
    tablet: "태블릿", scanner: "스캐너", backlog: "업로드 대기", attached: "연결됨", absent: "없음",
    items: "{n}건", agentUnreachable: "에이전트 연결 끊김", signOut: "로그아웃", signInTitle: "캐셔 로그인",
    signInHint: "매장 캐셔 PIN을 입력하세요", signIn: "로그인", accrual: "적립", use: "사용", history: "내역",
    conversion: "포인트 전환", waitingForCustomer: "태블릿에서 고객 입력을 기다리는 중", cancelPrompt: "요청 취소",
    paymentAmount: "결제 금액", won: "원", phoneOptional: "휴대폰 번호 (비우면 고객이 태블릿에 입력)", phone: "휴대폰 번호",
    accrue: "적립", identify: "회원 확인", usePoints: "포인트 사용", useStamps: "스탬프 사용", pointsToUse: "사용할 포인트",
    stampsToUse: "사용할 스탬프", newCustomer: "새 고객", useConfirm: "사용", today: "오늘", yesterday: "어제", week: "7일",
    month: "이번 달", lastFour: "전화번호 뒷 4자리", search: "검색", downloadCSV: "CSV 다운로드", time: "시간", type: "유형",
    member: "회원", payment: "결제 금액", points: "포인트", stamps: "스탬프", state: "상태", noTransactions: "거래가 없습니다",
    more: "더 보기", selectHint: "취소할 거래를 누르세요", cancelTransaction: "거래취소", pointsToGrant: "지급할 포인트",
    stampsToGrant: "지급할 스탬프", stampUnit: "개", reason: "사유", reasonEvent: "이벤트", reasonCompensation: "고객 보상",
    reasonCorrection: "오류 정정", reasonOther: "직접 입력", convert: "전환 (관리자 승인)", reasonCustomer: "고객 요청",
    reasonReturn: "반품", reasonMistake: "입력 오류", no: "아니요", yesCancel: "예, 취소합니다", managerApproval: "관리자 승인",
    managerId: "관리자 ID", managerPin: "관리자 PIN", back: "돌아가기", approve: "승인",
    typeAccrual: "적립", typePointUse: "포인트 사용", typeStampUse: "스탬프 사용", typeConversion: "포인트 전환",
    typeCancellation: "거래취소", typeExpiry: "소멸", cancelled: "취소됨",
    doneAccrual: "적립 완료", donePointUse: "포인트 사용 완료", doneStampUse: "스탬프 사용 완료",
    doneConversion: "포인트 전환 완료", doneCancellation: "거래 취소 완료",
    earnedPoints: "포인트", earnedStamps: "스탬프", balancePoints: "잔여 포인트", balanceStamps: "스탬프", newMember: "신규 회원",
    pointsBalance: "포인트 잔액", stampsBalance: "스탬프", memberNumber: "회원 #{id}",
    promptIdentify: "고객이 휴대폰 번호를 입력하거나 회원 카드를 스캔할 차례입니다", promptPoints: "고객이 사용할 포인트를 입력할 차례입니다",
    promptCode: "고객이 앱에 표시된 6자리 코드를 입력할 차례입니다", promptCoupon: "고객이 쿠폰 바코드를 스캐너에 보여 줄 차례입니다",
    amountLine: "결제 {amount}원", rulesLine: "최소 {min}P · {unit}P 단위 · 결제 금액의 {share}%까지 (이번 결제 최대 {max}P)",
    stampRules: "보유 스탬프 {stamps}개 · 카드 {card}개", selected: "#{id} {type} · {when} · {payment}원",
    confirmCancel: "거래 #{id} ({type}, {payment}원)을 취소할까요?", approvalFor: "{what}에는 관리자 승인이 필요합니다",
    whatCancel: "거래 #{id} 취소", whatConversion: "포인트 전환", whatCSV: "CSV 다운로드",
    marketing: "광고 이미지", marketingHint: "고객 태블릿의 대기 화면에 이 순서로 나옵니다", refresh: "새로 고침",
    noImages: "등록된 이미지가 없습니다 (posagent marketing add)", untitled: "(제목 없음)", everyDay: "기간 제한 없음",
    chainImage: "본사 이미지", shownToday: "오늘 표시", hiddenImage: "숨김", notToday: "오늘은 기간 밖", hideImage: "숨기기 (관리자 승인)",
    showImage: "보이기 (관리자 승인)", whatHide: "이미지 #{id} 숨기기", whatShow: "이미지 #{id} 보이기",
    imageHidden: "이미지 #{id}을(를) 숨겼습니다", imageShown: "이미지 #{id}을(를) 다시 보입니다",
    tabletHolds: "태블릿: 오늘 표시할 {total}장 중 {held}장 받음", tabletAbsentImages: "태블릿이 연결되어 있지 않습니다",
    needAmount: "결제 금액을 입력하세요", needPhone: "휴대폰 번호를 입력하세요", needQuantity: "사용할 수량을 입력하세요",
    needGrant: "지급할 포인트나 스탬프를 입력하세요", needReason: "사유를 고르거나 입력하세요",
    needManager: "관리자 ID와 PIN을 입력하세요", csvSaved: "CSV 파일을 내려받았습니다", promptCancelledOk: "요청을 취소했습니다",
    e_network: "에이전트에 연결할 수 없습니다. 잠시 후 다시 시도하세요",
    e_wrong_pin: "PIN이 맞지 않습니다", e_too_many_attempts: "PIN을 여러 번 틀렸습니다. 잠시 후 다시 시도하세요",
    e_no_cashier_pin: "캐셔 PIN이 설정되지 않았습니다. 관리자에게 문의하세요",
    e_signed_out: "다시 로그인하세요", e_csrf: "화면을 새로 고침한 뒤 다시 하세요", e_foreign_origin: "이 화면에서만 사용할 수 있습니다",
    e_forbidden: "관리자 권한이 필요합니다. 관리자 승인을 받아 다시 하세요",
    managerASCII: "관리자 ID와 PIN은 이 화면에서 영문자, 숫자, 기호로만 입력할 수 있습니다",
    e_wrong_manager_pin: "관리자 PIN이 맞지 않습니다. {attempts}번 더 틀리면 이 관리자는 잠깁니다",
    e_manager_locked: "PIN을 여러 번 틀려 이 관리자는 {until}까지 잠겼습니다. 다른 관리자가 승인하거나, 마스터 관리자에게 PIN 재설정을 요청하세요",
    e_no_managers: "등록된 관리자가 없어 승인할 수 없습니다. 먼저 관리자를 등록하세요 (posagent manager add)",
    e_unknown_manager: "등록되지 않은 관리자 ID입니다. ID를 확인하세요",
    e_incomplete_manager_credentials: "관리자 ID와 PIN을 모두 입력하세요",
    e_invalid_manager_id: "관리자 ID는 영문자와 숫자 50자까지입니다. ID를 확인하세요",
    e_invalid_pin: "관리자 PIN은 6자 이상입니다. 다시 입력하세요",
    e_below_minimum_use: "포인트는 한 번에 {min}P 이상부터 사용할 수 있습니다",
    e_off_use_unit: "포인트는 {unit}P 단위로 사용할 수 있습니다",
    e_exceeds_use_share: "포인트로는 결제 금액의 {share}%까지만 낼 수 있습니다 (이번 결제 최대 {max}P)",
    e_insufficient_points: "포인트 잔액이 부족합니다 (잔액 {balance}P)",
    e_insufficient_stamps: "스탬프가 부족합니다 (보유 {stamps}개)",
    e_invalid_amount: "금액을 확인하세요: 0보다 큰 숫자여야 합니다",
    e_amount_too_large: "결제 금액이 너무 큽니다 (최대 {maxPayment}원). 금액을 확인하세요",
    e_invalid_phone: "휴대폰 번호를 확인하세요 (예: 010-1234-5678)",
    e_invalid_barcode: "이 매장의 회원 카드가 아닙니다",
    e_member_not_found: "회원을 찾을 수 없습니다",
    e_transaction_not_found: "거래를 찾을 수 없습니다",
    e_already_cancelled: "이미 취소된 거래입니다",
    e_points_already_spent: "적립된 포인트가 이미 사용되었습니다. 사용 거래(#{transaction})를 먼저 취소하세요",
    e_not_cancellable: "이 거래는 취소할 수 없습니다",
    e_invalid_reason: "사유를 입력하세요",
    e_tablet_busy: "태블릿이 다른 고객의 입력을 기다리고 있습니다. 끝나거나 요청을 취소한 뒤 다시 하세요",
    e_prompt_cancelled: "요청을 취소했습니다",
    e_customer_cancelled: "고객이 태블릿에서 취소했습니다",
    e_prompt_timeout: "고객이 제한 시간 안에 입력하지 않았습니다. 다시 하거나 번호를 직접 입력하세요",
    e_no_tablet: "태블릿이 연결되어 있지 않습니다. 휴대폰 번호를 직접 입력하세요",
    e_image_not_found: "그 이미지는 이제 목록에 없습니다",
    e_tablet_unresponsive: "태블릿이 응답하지 않습니다. 케이블을 확인하거나 번호를 직접 입력하세요",
    e_bad_points_input: "고객이 포인트를 숫자로 입력하지 않았습니다. 다시 하세요",
    e_storage: "장부에 기록할 수 없습니다. 관리자에게 문의하세요",
    e_other: "처리할 수 없습니다: {detail}",
  },
  en: {
    tablet: "Tablet", scanner: "Scanner", backlog: "Upload queue", attached: "attached", absent: "absent",
    items: "{n}", agentUnreachable: "Agent unreachable", signOut: "Sign out", signInTitle: "Cashier sign-in",
    signInHint: "Enter the store's cashier PIN", signIn: "Sign in", accrual: "Accrual", use: "Use", history: "History",
    conversion: "Conversion", waitingForCustomer: "Waiting for the customer on the tablet", cancelPrompt: "Cancel request",
    paymentAmount: "Payment", won: "won", phoneOptional: "Phone (leave empty: the customer types it on the tablet)",
    phone: "Phone", accrue: "Accrue", identify: "Find member", usePoints: "Use points", useStamps: "Use stamps",
    pointsToUse: "Points to use", stampsToUse: "Stamps to use", newCustomer: "New customer", useConfirm: "Use",
    today: "Today", yesterday: "Yesterday", week: "7 days", month: "This month", lastFour: "Last 4 digits of phone",
    search: "Search", downloadCSV: "Download CSV", time: "Time", type: "Type", member: "Member", payment: "Payment",
    points: "Points", stamps: "Stamps", state: "State", noTransactions: "No transactions", more: "More",
    selectHint: "Tap a transaction to cancel it", cancelTransaction: "Cancel transaction", pointsToGrant: "Points to grant",
    stampsToGrant: "Stamps to grant", stampUnit: "", reason: "Reason", reasonEvent: "Event", reasonCompensation: "Compensation",
    reasonCorrection: "Correction", reasonOther: "Other reason", convert: "Convert (manager approval)",
    reasonCustomer: "Customer request", reasonReturn: "Return", reasonMistake: "Entry mistake", no: "No",
    yesCancel: "Yes, cancel it", managerApproval: "Manager approval", managerId: "Manager ID", managerPin: "Manager PIN",
    back: "Back", approve: "Approve",
    typeAccrual: "Accrual", typePointUse: "Point use", typeStampUse: "Stamp use", typeConversion: "Conversion",
    typeCancellation: "Cancellation", typeExpiry: "Expiry", cancelled: "cancelled",
    doneAccrual: "Accrued", donePointUse: "Points used", doneStampUse: "Stamps used", doneConversion: "Converted",
    doneCancellation: "Cancelled",
    earnedPoints: "Points", earnedStamps: "Stamps", balancePoints: "Points balance", balanceStamps: "Stamps", newMember: "new member",
    pointsBalance: "Points", stampsBalance: "Stamps", memberNumber: "Member #{id}",
    promptIdentify: "The customer is to type a phone number or scan a membership card", promptPoints: "The customer is to type the points to use",
    promptCode: "The customer is to type the 6-digit code their app shows", promptCoupon: "The customer is to show the coupon to the scanner",
    amountLine: "Payment {amount} won", rulesLine: "At least {min} P · in multiples of {unit} P · up to {share}% of the payment (at most {max} P now)",
    stampRules: "{stamps} stamps held · card of {card}", selected: "#{id} {type} · {when} · {payment} won",
    confirmCancel: "Cancel transaction #{id} ({type}, {payment} won)?", approvalFor: "{what} needs a manager's approval",
    whatCancel: "Cancelling #{id}", whatConversion: "A conversion", whatCSV: "The CSV download",
    marketing: "Idle images", marketingHint: "The customer's tablet shows these, in this order, while nobody checks out", refresh: "Refresh",
    noImages: "No images yet (posagent marketing add)", untitled: "(no title)", everyDay: "Every day",
    chainImage: "From the chain", shownToday: "Shown today", hiddenImage: "Hidden", notToday: "Not today (outside its days)", hideImage: "Hide (manager)",
    showImage: "Show (manager)", whatHide: "Hiding image #{id}", whatShow: "Showing image #{id}",
    imageHidden: "Image #{id} is hidden", imageShown: "Image #{id} is shown again",
    tabletHolds: "Tablet: holds {held} of today's {total}", tabletAbsentImages: "No tablet is attached",
    needAmount: "Enter the payment", needPhone: "Enter the phone number", needQuantity: "Enter how many to use",
    needGrant: "Enter points or stamps to grant", needReason: "Choose or type a reason",
    needManager: "Enter the manager's ID and PIN", csvSaved: "The CSV file was downloaded", promptCancelledOk: "The request was cancelled",
    e_network: "The agent cannot be reached; try again in a moment",
    e_wrong_pin: "That PIN is not right", e_too_many_attempts: "Too many wrong PINs; try again in a minute",
    e_no_cashier_pin: "No cashier PIN is set; ask the manager",
    e_signed_out: "Sign in again", e_csrf: "Reload the page and try again", e_foreign_origin: "Only this screen may do that",
    e_forbidden: "This needs a manager; get a manager's approval and try again",
    managerASCII: "On this screen a manager's ID and PIN can only be Latin letters, digits and signs",
    e_wrong_manager_pin: "That manager PIN is not right; wrong tries left before the manager is locked: {attempts}",
    e_manager_locked: "This manager is locked until {until} after too many wrong PINs; another manager may approve, or the master can set a new PIN",
    e_no_managers: "No manager is registered, so nobody can approve; register one first (posagent manager add)",
    e_unknown_manager: "No manager has that ID; check it",
    e_incomplete_manager_credentials: "Enter both the manager's ID and PIN",
    e_invalid_manager_id: "A manager ID is letters and digits, at most 50; check it",
    e_invalid_pin: "A manager PIN has at least 6 characters; type it again",
    e_below_minimum_use: "At least {min} points must be used at once",
    e_off_use_unit: "Points are used in multiples of {unit}",
    e_exceeds_use_share: "Points may pay at most {share}% of the payment (at most {max} P now)",
    e_insufficient_points: "Not enough points (balance {balance} P)",
    e_insufficient_stamps: "Not enough stamps ({stamps} held)",
    e_invalid_amount: "Check the amount: it must be more than 0",
    e_amount_too_large: "The payment is too large (at most {maxPayment} won); check the amount",
    e_invalid_phone: "Check the phone number (e.g. 010-1234-5678)",
    e_invalid_barcode: "That is not one of this shop's membership cards",
    e_member_not_found: "No such member",
    e_transaction_not_found: "No such transaction",
    e_already_cancelled: "That transaction is already cancelled",
    e_points_already_spent: "Its points were already used; cancel that use (#{transaction}) first",
    e_not_cancellable: "That transaction cannot be cancelled",
    e_invalid_reason: "Give a reason",
    e_tablet_busy: "The tablet is waiting for another customer; wait, or cancel that request",
    e_prompt_cancelled: "The request was cancelled",
    e_customer_cancelled: "The customer cancelled on the tablet",
    e_prompt_timeout: "The customer did not answer in time; try again or type the number",
    e_no_tablet: "No tablet is attached; type the customer's phone number",
    e_image_not_found: "That image is no longer in the set",
    e_tablet_unresponsive: "The tablet does not answer; check its cable or type the number",
    e_bad_points_input: "The customer did not type a number of points; try again",
    e_storage: "The ledger cannot be written; ask the manager",
    e_other: "Could not do that: {detail}",
  },
};

let language = localStorage.getItem("posagent.language") === "en" ? "en" : "ko";

function t(key, params) {
  const text = (WORDS[language][key] ?? WORDS.ko[key] ?? key);
  return text.replace(/\{(\w+)\}/g, (_, name) => (params && params[name] !== undefined ? params[name] : ""));
}

const grouped = (n) => Number(n).toLocaleString("ko-KR");
const signed = (n) => (n > 0 ? "+" : "") + grouped(n);
const $ = (selector) => document.querySelector(selector);
const $$ = (selector) => Array.from(document.querySelectorAll(selector));

function applyWords() {
  document.documentElement.lang = language;
  for (const element of $$("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of $$("[data-i18n-placeholder]")) element.placeholder = t(element.dataset.i18nPlaceholder);
  $("#language").textContent = language === "ko" ? "English" : "한국어";
  for (const field of $$(".field")) renderField(field);
  renderStatus();
  renderPrompt();
  for (const render of Object.values(rerender)) render();
}

/// Parts drawn from data that redraw in the other language.
const rerender = {};

"""#
}
