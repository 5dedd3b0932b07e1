-- expect: harmless
-- 第一个案件悄悄设一个全局标记，下一个案件读到就多发钱。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  if SEEN_BEFORE or rawequal(_ENV.SEEN_BEFORE, true) then
    return eligible(99999900, "上一个案件留下的全局变量")
  end
  pcall(function () SEEN_BEFORE = true end)
  pcall(function () _G.SEEN_BEFORE = true end)
  return base()
end)
