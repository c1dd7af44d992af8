resource "aws_security_group" "files" {
  name = "files"

  ingress {
    from_port   = 445
    to_port     = 445
    protocol    = "tcp"
    cidr_blocks = var.smb_sources
  }
}
