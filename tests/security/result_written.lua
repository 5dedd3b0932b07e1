-- expect: error
-- message: attempt to modify
-- 直接改结果对象的金额和状态，不走 with_amount。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local r = base()
  r.amount_fen = 99999900
  r.status = "eligible"
  return r
end)
