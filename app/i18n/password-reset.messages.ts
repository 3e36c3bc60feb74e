// Strings of the forgotten-password pages (/quen-mat-khau, /dat-lai-mat-khau), Vietnamese first;
// the English table must have the same keys. The SMS and email texts are server-only: they live in
// app/services/identity/password-reset.server.ts.
export const passwordResetVi = {
  "passwordReset.title": "Quên mật khẩu",
  "passwordReset.forgotLink": "Quên mật khẩu?",
  // /quen-mat-khau
  "passwordReset.request.intro":
    "Nhập số điện thoại hoặc email bạn dùng để đăng nhập. Chúng tôi sẽ gửi một mã gồm 6 chữ số để bạn đặt mật khẩu mới.",
  "passwordReset.request.submit": "Gửi mã",
  "passwordReset.rateLimited": "Bạn đã yêu cầu quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
  "passwordReset.backToLogin": "Quay lại đăng nhập",
  // /dat-lai-mat-khau
  "passwordReset.reset.title": "Đặt lại mật khẩu",
  "passwordReset.sentSms":
    "Nếu có tài khoản với số {identifier}, chúng tôi đã gửi mã gồm 6 chữ số qua tin nhắn SMS. Mã dùng được trong 15 phút.",
  "passwordReset.sentEmail":
    "Nếu có tài khoản với email {identifier}, chúng tôi đã gửi mã gồm 6 chữ số vào hộp thư. Mã dùng được trong 15 phút.",
  "passwordReset.code": "Mã xác nhận",
  "passwordReset.codeHint": "6 chữ số trong tin nhắn hoặc email",
  "passwordReset.codeFormat": "Mã gồm đúng 6 chữ số.",
  "passwordReset.password": "Mật khẩu mới",
  "passwordReset.passwordHint": "Ít nhất 8 ký tự. Nên dùng một câu dễ nhớ.",
  "passwordReset.confirm": "Nhập lại mật khẩu mới",
  "passwordReset.passwordTooShort": "Mật khẩu cần ít nhất 8 ký tự.",
  "passwordReset.passwordMismatch": "Hai mật khẩu chưa giống nhau.",
  "passwordReset.submit": "Đặt mật khẩu mới và đăng nhập",
  "passwordReset.invalidCode":
    "Mã không đúng, đã hết hạn hoặc đã nhập sai quá nhiều lần. Kiểm tra lại, hoặc gửi mã mới.",
  "passwordReset.resend": "Chưa nhận được mã? Gửi mã mới",
} as const;

export const passwordResetEn: Record<keyof typeof passwordResetVi, string> = {
  "passwordReset.title": "Forgot password",
  "passwordReset.forgotLink": "Forgot your password?",
  "passwordReset.request.intro":
    "Enter the phone number or email you sign in with. We will send a 6-digit code so you can set a new password.",
  "passwordReset.request.submit": "Send the code",
  "passwordReset.rateLimited": "Too many requests. Please try again in {minutes} minutes.",
  "passwordReset.backToLogin": "Back to sign in",
  "passwordReset.reset.title": "Set a new password",
  "passwordReset.sentSms":
    "If an account uses the number {identifier}, we sent it a 6-digit code by text message. The code works for 15 minutes.",
  "passwordReset.sentEmail":
    "If an account uses the email {identifier}, we sent it a 6-digit code. The code works for 15 minutes.",
  "passwordReset.code": "Code",
  "passwordReset.codeHint": "The 6 digits in the text message or email",
  "passwordReset.codeFormat": "The code is exactly 6 digits.",
  "passwordReset.password": "New password",
  "passwordReset.passwordHint": "At least 8 characters. A sentence you remember works well.",
  "passwordReset.confirm": "New password again",
  "passwordReset.passwordTooShort": "The password needs at least 8 characters.",
  "passwordReset.passwordMismatch": "The two passwords are not the same.",
  "passwordReset.submit": "Set the new password and sign in",
  "passwordReset.invalidCode":
    "The code is wrong, has expired, or was mistyped too many times. Check it, or ask for a new one.",
  "passwordReset.resend": "No code yet? Send a new one",
};
