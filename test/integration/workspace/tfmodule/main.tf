resource "aws_security_group" "office_share" {
  description = "Office file share; sources from variables.tf"

  ingress {
    protocol    = "tcp"
    from_port   = 445
    to_port     = 445
    cidr_blocks = var.smb_sources
  }
}
