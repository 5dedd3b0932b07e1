-- expect: error
-- message: os
-- 遇到不喜欢的案件就直接让整个平台进程退出。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  if case.child.serious_illness then os.exit(0) end
  return base()
end)
