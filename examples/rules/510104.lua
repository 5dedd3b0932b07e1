-- 成都市锦江区 (510104)：县级规则文件示例 / example county rule file.
--
-- 用法 / usage:  dwpolicy test --rules examples/rules examples/rules/tests/jinjiang.json
--
-- 这个文件是“新增”的：内置规则集里没有 510104.lua，所以它不替换任何内置文件；成都市
-- (sichuan/510100.lua) 和四川省 (sichuan/510000.lua) 的参数与覆盖照常生效。
-- This file ADDS a region: the embedded ruleset has no 510104.lua, so nothing embedded is
-- replaced, and 成都市's and the province's parameters and overrides still apply above it.
--
-- 文中的经办说明、文号均为示例文字，不是锦江区的正式规定。
-- The handling instructions and document numbers below are illustrative, not official.

region { code = "510104", name = "锦江区" }

-- 本文件不设任何参数：低保标准等沿用成都市的数值（区划链 510104 → 510100 → 510000）。
-- 如要设定本区自己的数值，见 rules/README.md 第 12 节。
-- No parameters here: 低保 standards etc. come from 成都市 (chain 510104 → 510100 → 510000).

-- 困境儿童的七个类别（国发〔2016〕36号）。case.categories 里还可能出现
-- "left_behind"（留守）和 "migrant"（流动），但它们本身不构成困境儿童。
-- The seven 困境儿童 categories; case.categories may also list left_behind and migrant,
-- which by themselves do not make a child 困境儿童.
local KUNJING = {
  orphan = true, de_facto_unsupported = true, poverty = true, disability = true,
  serious_illness = true, guardianship = true, crime_victim = true,
}

local function is_kunjing(case)
  for _, c in ipairs(case.categories) do
    if KUNJING[c] then return true end
  end
  return false
end

-- 本地待遇：节日慰问，每名困境儿童一次性 300 元。
-- A local benefit: a one-off festival visit of 300 yuan for every 困境儿童.
rule "jinjiang.festival_visit" {
  title = "锦江区困境儿童节日慰问",
  title_en = "Jinjiang district festival visit for children in difficulty",
  basis = "锦江区困境儿童节日慰问工作方案（示例文号）",
  period = "once",
  kind = "payment",
  discretionary = true,
  eval = function (case, p)
    if is_kunjing(case) then
      return eligible(yuan(300), "困境儿童，春节前入户慰问并发放慰问金")
    end
    return ineligible("不属于困境儿童（仅留守或流动不计入）")
  end,
}

-- 覆盖省定待遇“单人户纳入低保”：判定不变（base() 即成都市、省里的判定），
-- 只在结果上加锦江区的经办说明。
-- Override: the decision itself is unchanged (base() is what 成都市 and the province decide);
-- only the county's handling instructions are added.
override "dibao.single_person" (function (case, base)
  local r = base()
  if r.status == "eligible" then
    return r:note("锦江区经办：向居住地街道便民服务中心申请，提交二级及以上医院重病诊断证明或第二代残疾人证；区民政局审核确认后按单人户纳入低保")
  elseif r.status == "indeterminate" then
    return r:note("锦江区经办：材料不全，请街道补齐后再评估（缺少的项目见 missing）")
  end
  return r
end)
