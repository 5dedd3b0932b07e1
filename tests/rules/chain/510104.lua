-- tests/rules/chain/510104.lua — 锦江区 for test_overrides.c: the county layer of a
-- three-layer chain (510104 → 510100 → the C default).
region { code = "510104", name = "锦江区" }

-- base() twice: both calls run 成都's layer and the C default again and must agree; the county
-- then changes the amount, so decided_by is 510104.
override "dibao.single_person" (function (case, base)
  local a = base()
  local b = base()
  if a.status ~= b.status or a.amount_fen ~= b.amount_fen or a.decided_by ~= b.decided_by then
    error("两次 base() 结果不一致")
  end
  if b.status == "eligible" then
    return b:with_amount(b.amount_fen + yuan(50), "锦江区：再加发 50 元")
  end
  return b
end)

-- base() never: neither 成都's note nor the C default runs; the county decides alone.
override "medical.assistance" (function (case, base)
  return eligible(yuan(123), "锦江区：医疗救助自行判定")
end)

-- Just base(): decided_by stays that of the layer below (510100 when 成都 denies, 510000 when
-- the province decides).
override "orphan.adult_student_topup" (function (case, base)
  return base()
end)

-- A county override of 成都's local rule.
override "chengdu.festival_visit" (function (case, base)
  local r = base()
  if r.status == "eligible" then
    return r:with_amount(yuan(500), "锦江区：节日慰问提高到 500 元")
  end
  return r
end)
