// Strings of the handover screens, Vietnamese first; the English table must have the same keys.
export const handoverVi = {
  // Errors thrown by the service (UserError.messageKey) and the forms.
  "handover.notApproved": "Gian hàng chưa được duyệt. Chỉ trao gian hàng sau khi quản trị viên duyệt.",
  "handover.alreadyOwned": "Người bán đã nhận gian hàng này và tự đăng nhập bằng tài khoản của mình.",
  "handover.phoneHasAccount":
    "Số điện thoại của gian hàng đã thuộc một tài khoản có mật khẩu. Không thể tạo thẻ mời cho số này; hãy liên hệ quản trị viên để gắn gian hàng với tài khoản đó.",
  "handover.invalidCode": "Mã mời không đúng, đã hết hạn hoặc đã được dùng.",
  "handover.passwordTooShort": "Mật khẩu cần ít nhất 8 ký tự.",
  "handover.passwordMismatch": "Hai mật khẩu chưa giống nhau.",
  "handover.forbidden": "Bạn không được phép làm việc này.",
  // The volunteer's page: /onboarding/:sellerId/handover
  "handover.title": "Trao gian hàng cho người bán",
  "handover.intro":
    "Tạo tài khoản đăng nhập riêng cho người bán: một mã mời dùng một lần, in thành thẻ để người bán giữ. Bạn vẫn được hỗ trợ gian hàng cho đến khi người bán thu hồi quyền.",
  "handover.shop": "Gian hàng",
  "handover.contact": "Người liên hệ",
  "handover.phone": "Số điện thoại",
  "handover.status": "Trạng thái",
  "handover.waitForApproval":
    "Việc trao gian hàng làm sau khi quản trị viên duyệt. Hãy gửi hồ sơ để duyệt, rồi quay lại trang này.",
  "handover.owned": "Người bán đã nhận gian hàng và tự đăng nhập. Không cần tạo thẻ mới.",
  "handover.create": "Tạo thẻ đăng nhập",
  "handover.createHint":
    "Mã chỉ hiện một lần trên trang này. Tạo thẻ mới sẽ làm thẻ cũ (nếu có) hết hiệu lực. Thẻ có hạn {days} ngày.",
  "handover.created": "Đã tạo thẻ. Hãy in thẻ hoặc chép mã cho người bán ngay: mã sẽ không hiện lại.",
  "handover.print": "In thẻ",
  "handover.printHint": "Hoặc dùng lệnh In của trình duyệt: chỉ thẻ được in ra.",
  "handover.createAnother": "Tạo thẻ khác (thẻ này sẽ hết hiệu lực)",
  "handover.back": "Về danh sách gian hàng",
  // The printed card. Short words for a farmer to read.
  "handover.card.title": "Thẻ đăng nhập Chợ Phiên",
  "handover.card.greeting": "Gửi {name}, gian hàng {shop}",
  "handover.card.code": "Mã mời",
  "handover.card.phone": "Số điện thoại đăng nhập",
  "handover.card.link": "Đường link",
  "handover.card.expires": "Dùng trước ngày {date}",
  "handover.card.steps":
    "Quét mã QR hoặc mở đường link, đặt mật khẩu của bạn, rồi đăng nhập bằng số điện thoại.",
  "handover.card.qrAlt": "Mã QR mở đường link đặt mật khẩu",
  // The seller's page: /moi/:code
  "handover.accept.title": "Nhận gian hàng",
  "handover.accept.greeting": "Chào {name}, đặt mật khẩu cho gian hàng {shop}",
  "handover.accept.phoneNote": "Sau này bạn đăng nhập bằng số điện thoại {phone} và mật khẩu này.",
  "handover.accept.password": "Mật khẩu mới",
  "handover.accept.passwordHint": "Ít nhất 8 ký tự. Nên dùng một câu dễ nhớ.",
  "handover.accept.confirm": "Nhập lại mật khẩu",
  "handover.accept.submit": "Lưu mật khẩu và vào gian hàng",
  "handover.invalid.title": "Mã mời không dùng được",
  "handover.invalid.body":
    "Mã này không đúng, đã hết hạn hoặc đã được dùng. Hãy nhờ tình nguyện viên đã giúp bạn mở gian hàng in cho bạn một thẻ mới.",
  "handover.invalid.signIn": "Đã có mật khẩu? Đăng nhập",
} as const;

export const handoverEn: Record<keyof typeof handoverVi, string> = {
  "handover.notApproved":
    "This shop has not been approved yet. Hand it over only after an administrator approves it.",
  "handover.alreadyOwned": "The seller has already taken over this shop and signs in with their own account.",
  "handover.phoneHasAccount":
    "The shop's phone number already belongs to an account with a password. No invite can be made for it; ask an administrator to link the shop to that account.",
  "handover.invalidCode": "The invite code is wrong, has expired or has already been used.",
  "handover.passwordTooShort": "The password needs at least 8 characters.",
  "handover.passwordMismatch": "The two passwords do not match.",
  "handover.forbidden": "You are not allowed to do this.",
  "handover.title": "Hand the shop over to the seller",
  "handover.intro":
    "Create the seller's own sign-in: a one-time invite code, printed on a card the seller keeps. You keep helping with the shop until the seller revokes your access.",
  "handover.shop": "Shop",
  "handover.contact": "Contact person",
  "handover.phone": "Phone number",
  "handover.status": "Status",
  "handover.waitForApproval":
    "Handover comes after an administrator approves the shop. Submit it for review, then come back to this page.",
  "handover.owned": "The seller has taken over the shop and signs in themselves. No new card is needed.",
  "handover.create": "Create a sign-in card",
  "handover.createHint":
    "The code is shown only once, on this page. A new card cancels any earlier one. Cards are valid for {days} days.",
  "handover.created":
    "Card created. Print it or copy the code for the seller now: it will not be shown again.",
  "handover.print": "Print the card",
  "handover.printHint": "Or use your browser's Print command: only the card is printed.",
  "handover.createAnother": "Create another card (this one stops working)",
  "handover.back": "Back to the shop list",
  "handover.card.title": "Chợ Phiên sign-in card",
  "handover.card.greeting": "For {name}, shop {shop}",
  "handover.card.code": "Invite code",
  "handover.card.phone": "Phone number to sign in with",
  "handover.card.link": "Link",
  "handover.card.expires": "Use before {date}",
  "handover.card.steps":
    "Scan the QR code or open the link, set your password, then sign in with your phone number.",
  "handover.card.qrAlt": "QR code that opens the set-password link",
  "handover.accept.title": "Take over your shop",
  "handover.accept.greeting": "Hello {name}, set a password for your shop {shop}",
  "handover.accept.phoneNote": "From now on you sign in with the phone number {phone} and this password.",
  "handover.accept.password": "New password",
  "handover.accept.passwordHint": "At least 8 characters. A sentence you remember works well.",
  "handover.accept.confirm": "Type the password again",
  "handover.accept.submit": "Save the password and open my shop",
  "handover.invalid.title": "This invite code cannot be used",
  "handover.invalid.body":
    "The code is wrong, has expired or has already been used. Ask the volunteer who helped you open your shop to print you a new card.",
  "handover.invalid.signIn": "Already have a password? Sign in",
};
