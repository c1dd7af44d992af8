# The in-host project test edits this default; main.tf stays unopened.
variable "smb_sources" {
  type    = list(string)
  default = ["10.0.0.0/24"]
}
