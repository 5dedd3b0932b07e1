-- expect: error
-- message: print
-- 调试输出直接打到平台的标准输出里（会把 JSON 输出搅乱）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  print("调试：", case.child.birth_date)
  return base()
end)
