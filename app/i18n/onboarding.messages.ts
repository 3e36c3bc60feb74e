// Strings of the onboarding screens, Vietnamese first; the English table must have the same keys.
export const onboardingVi = {
  "onboarding.placeholder": "",
} as const;

export const onboardingEn: Record<keyof typeof onboardingVi, string> = {
  "onboarding.placeholder": "",
};
